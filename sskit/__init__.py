"""sskit: GB/T 27922-2011 after-sales service document sets from one company profile."""
__version__ = "0.1.0"
