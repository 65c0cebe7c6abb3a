"""Last stage: put rendered files into OUT atomically and record the manifest."""
