class NoConnectException(Exception):
    pass
