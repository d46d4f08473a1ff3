#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    from motcua.lib.startup import pause_collector

    pause_collector()  # until the apps are ready (motcua/lib/startup.py)
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
