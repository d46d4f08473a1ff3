"""Django starts without the cyclic garbage collector.

Starting Django — settings, every app's models and admin, then the URL configuration — builds
some 60,000 objects that live as long as the process, and next to no garbage. The collector's
passes over them were about a tenth of the instructions of a short command such as
`manage.py check` or a timer's (bench/startup.py, callgrind): its young passes while modules
load, then full passes over everything, the last one as the interpreter exits.

So manage.py and config/wsgi.py switch it off before Django starts (`pause_collector`), and
when every app is ready (`resume_collector`, called by the last installed app's `ready()`) what
start-up built is frozen — left out of every later pass (`gc.freeze`) — and the collector runs
again as usual for whatever the command or the requests create. A process that did not pause it
(the test run, a shell's `django.setup()`) is left as it is.
"""

import gc

_paused = False


def pause_collector() -> None:
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collector() -> None:
    global _paused
    if _paused:
        gc.freeze()
        gc.enable()
        _paused = False
