from motcua.dossiers.tests.conftest import clock, fast_passwords

__all__ = ["clock", "fast_passwords"]
