# Một Cửa as a container image (docs/deploy.md, "Container"): the same gunicorn configuration
# as the systemd unit, running as an unprivileged user. `make test` builds nothing of it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    MOTCUA_DATA_DIR=/var/lib/motcua \
    MOTCUA_BIND=0.0.0.0:8000

# WeasyPrint needs Pango; pg_dump/pg_restore for backups; fonts are shipped in the project.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
       libharfbuzz-subset0 postgresql-client rsync \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --home-dir /home/motcua --shell /usr/sbin/nologin motcua

WORKDIR /opt/motcua
COPY pyproject.toml constraints.txt README.md ./
COPY config ./config
COPY motcua ./motcua
COPY deploy ./deploy
COPY scripts ./scripts
COPY manage.py ./
# The code runs from /opt/motcua (it shadows the installed copy) and PYTHONDONTWRITEBYTECODE
# keeps processes from caching its bytecode: compile it once here, or every command (each timer
# run) compiles the whole project again as it starts (bench/startup.py).
RUN pip install --no-cache-dir -c constraints.txt . \
    && python -m compileall -q config motcua \
    && mkdir -p /var/lib/motcua && chown motcua:motcua /var/lib/motcua

USER motcua
# Static files are collected at start (into the data volume), then migrations run.
CMD ["sh", "-c", "python manage.py collectstatic --no-input -v 0 && python manage.py migrate --no-input && exec gunicorn --config deploy/gunicorn.conf.py config.wsgi:application"]
EXPOSE 8000
