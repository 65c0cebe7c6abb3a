"""The PDF output format: Word files -> PDFs through headless LibreOffice, and the combined volume.

The writers make the .docx; this package turns them into print-ready PDFs (every 目录 and
field updated, fonts embedded, byte-identical across runs) and binds the set into one
volume with a bookmark per document.

- `office`: where LibreOffice and a Python with its UNO bridge are (exit 4 when missing);
- `convert`: the conversions, in parallel, each worker a private LibreOffice (process IO);
- `uno_export`: the script those workers run inside LibreOffice's Python (not imported);
- `stable`: the export time and the process's font counter taken out of each PDF;
- `volume`: the documents' PDFs bound in register order, one bookmark each.
Nothing is imported here: the CLI names the volume without loading the converter.
"""
