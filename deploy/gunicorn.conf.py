"""gunicorn configuration for Một Cửa (systemd unit and container alike; docs/deploy.md).

The access log never carries a query string: staff search by phone number, identity number or
name with GET forms (bookmarkable, and the browser's back button works), so the query is kept
out of the log instead. `%(U)s` is the path without the query; the referer is left out too,
since it can hold the query of the page before.
"""

import multiprocessing
import os

bind = os.environ.get("MOTCUA_BIND", "127.0.0.1:8000")
# Two workers per core plus one: the app is mostly waiting on PostgreSQL.
workers = int(os.environ.get("MOTCUA_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = 1
timeout = 60
graceful_timeout = 30
max_requests = 2000  # recycle workers now and then
max_requests_jitter = 200
# The application is imported once, by the master, before the workers are forked: a worker
# recycled by max_requests starts in milliseconds instead of importing Django again (about 1 s
# of CPU each time, some 0.5 ms added to every request of a busy server), and the workers share
# the imported code's memory. Importing opens no database connection and starts no thread
# (tests/test_deploy.py). New code needs `systemctl restart motcua`: a reload (HUP) re-reads
# this file but keeps the code already imported.
preload_app = True
forwarded_allow_ips = os.environ.get("MOTCUA_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
# remote address, time, method, path WITHOUT query, status, bytes, duration (µs)
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(D)s'
