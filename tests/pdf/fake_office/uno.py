"""Plays LibreOffice's `uno` module for sskit/pdf/uno_export.py (see README.md)."""
import os
import signal
import time
from urllib.parse import unquote, urlparse
from urllib.request import pathname2url

from com.sun.star.connection import NoConnectException


def systemPathToFileUrl(path):
    return "file://" + pathname2url(path)


def _path(url):
    return unquote(urlparse(url).path)


def Any(_type, value):
    return value


def getComponentContext():
    return _Context(None)


class _Context:
    def __init__(self, pid):
        self.ServiceManager = self
        self.pid = pid

    def createInstanceWithContext(self, name, _context):
        return _Resolver() if name.endswith("UnoUrlResolver") else _Desktop(self.pid)


class _Resolver:
    def resolve(self, url):
        pipe = url.split("name=", 1)[1].split(";", 1)[0]
        try:  # soffice.py runs in the same working folder
            with open(f"{pipe}.pid") as fh:
                return _Context(int(fh.read()))
        except FileNotFoundError:
            raise NoConnectException() from None


class _Desktop:
    def __init__(self, pid):
        self.pid = pid

    def loadComponentFromURL(self, url, _frame, _flags, _props):
        with open(_path(url), "rb") as fh:
            what = fh.read()
        if os.path.basename(_path(url)) == os.environ.get("FAKE_OFFICE_HANGS_ON"):
            what = b"hang"
        if what == b"hang":
            time.sleep(600)  # as good as forever: the tests' limits are seconds
        if what == b"die":
            os.kill(os.getpid(), signal.SIGKILL)
        if what == b"crash":  # LibreOffice dies under it
            os.kill(self.pid, signal.SIGKILL)
            time.sleep(0.5)  # the bridge notices only once the process is gone
            raise RuntimeError("Binary URP bridge disposed during call")
        if what == b"unreadable":
            return None
        return _Document(what)

    def terminate(self):
        os.kill(self.pid, signal.SIGTERM)


class _Indexes:
    def getCount(self):
        return 0


class _Fields:
    def refresh(self):
        pass


class _Document:
    def __init__(self, what):
        self.what = what

    def getDocumentIndexes(self):
        return _Indexes()

    def getTextFields(self):
        return _Fields()

    def refresh(self):
        pass

    def storeToURL(self, url, _props):
        with open(_path(url), "wb") as fh:
            fh.write(b"%PDF-1.6\nnot a PDF after all\n" if self.what == b"garbled" else _pdf())

    def close(self, _deliver):
        pass


def _pdf():
    """One empty page, with a classic cross-reference table and an export date."""
    objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
               b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>",
               b"<</Producer(fake)/CreationDate(D:" + time.strftime("%Y%m%d%H%M%S").encode() + b"Z)>>"]
    out = bytearray(b"%PDF-1.6\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % at for at in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R/Info 4 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
