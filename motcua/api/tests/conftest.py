from motcua.feedback.tests.conftest import clock, fast_passwords, world

__all__ = ["clock", "fast_passwords", "world"]
