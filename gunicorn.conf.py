"""gunicorn's settings for Palvelumanuaali, from the environment (docs/operations.md,
"Running in production"). gunicorn reads this file from the working directory by itself:

    gunicorn cms.wsgi            # or: gunicorn -c gunicorn.conf.py cms.wsgi

| variable | default | what |
|---|---|---|
| GUNICORN_BIND | 127.0.0.1:8000; 0.0.0.0:$PORT when PORT is set | address(es) to listen on, comma separated (host:port, unix:/path) |
| GUNICORN_WORKERS (or WEB_CONCURRENCY) | 2 × CPU cores + 1, at most 8 | worker processes |
| GUNICORN_THREADS | 2 | threads per worker (each thread may hold a database connection) |
| GUNICORN_WORKER_CLASS | gthread | gunicorn's worker class (sync, gthread, ...) |
| GUNICORN_TIMEOUT | 30 | seconds a request may take before its worker is killed and restarted |
| GUNICORN_GRACEFUL_TIMEOUT | 30 | seconds workers get to finish their requests on a restart or stop |
| GUNICORN_KEEPALIVE | 5 | seconds an idle keep-alive connection stays open (longer than a load balancer's idle timeout in front) |
| GUNICORN_PRELOAD | 1 | load the app once in the master before forking the workers (1) or in each worker (0); see below |
| GUNICORN_MAX_REQUESTS | 10000 | a worker is replaced after this many requests (0: never) |
| GUNICORN_MAX_REQUESTS_JITTER | 1000 | up to this many more, so workers are not all replaced at once |
| GUNICORN_ACCESS_LOG | off | gunicorn's access log: -, a file, or off (off by default: its request line carries query strings, e.g. a preview's token; the app writes its own request log, cms/observability.py) |
| GUNICORN_ERROR_LOG | - (stderr) | gunicorn's own log: -, or a file |
| GUNICORN_LOG_LEVEL | info | gunicorn's log level |

Preloading: the master imports Django, Wagtail and the project once and forks workers from
it, so a worker replaced after GUNICORN_MAX_REQUESTS starts in milliseconds instead of
re-importing everything (about a second of CPU each). Measured with `make loadtest` on
2 cores: replacing workers every 1,000 requests without preloading cut the cached mix from
about 1,800 to about 500 req/s (docs/operations.md, "Throughput"). Nothing opens a database
or cache connection at import time, so the workers share none. The price: `kill -HUP`
(reload) forks from the same loaded code, so a deployment of new code restarts the service
(`systemctl restart`), which the deployment steps do anyway.

A value that is not valid stops gunicorn before it starts, with a message and exit code 2.
gunicorn's own variables (GUNICORN_CMD_ARGS, FORWARDED_ALLOW_IPS) still apply.
"""

import os
import sys

MAX_DEFAULT_WORKERS = 8
WORKER_CLASSES = {"sync", "gthread", "eventlet", "gevent", "tornado"}


def _fail(message: str):
    print(f"gunicorn.conf.py: {message}", file=sys.stderr)
    raise SystemExit(2)


def _env(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return value or default


def _int(name: str, default: int, minimum: int = 0, fallback: str | None = None) -> int:
    raw = os.environ.get(name, "").strip() or (
        os.environ.get(fallback, "").strip() if fallback else ""
    )
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        _fail(f"{name} must be a whole number, got {raw!r}")
    if value < minimum:
        _fail(f"{name} must be at least {minimum}, got {value}")
    return value


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the CPUs this process may run on (containers)
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def default_workers() -> int:
    return min(2 * _cores() + 1, MAX_DEFAULT_WORKERS)


def _bind() -> list[str]:
    raw = os.environ.get("GUNICORN_BIND", "").strip()
    if not raw:
        port = os.environ.get("PORT", "").strip()
        if not port:
            return ["127.0.0.1:8000"]
        if not port.isdigit() or not 1 <= int(port) <= 65535:
            _fail(f"PORT must be a port number (1-65535), got {port!r}")
        return [f"0.0.0.0:{port}"]
    addresses = [address.strip() for address in raw.split(",") if address.strip()]
    for address in addresses:
        if address.startswith(("unix:", "fd://")):
            continue
        port = address.rpartition(":")[2]
        if not port.isdigit() or not 1 <= int(port) <= 65535:
            _fail(f"GUNICORN_BIND must be host:port (or unix:/path), got {address!r}")
    return addresses


bind = _bind()
workers = _int("GUNICORN_WORKERS", default_workers(), minimum=1, fallback="WEB_CONCURRENCY")
threads = _int("GUNICORN_THREADS", 2, minimum=1)
worker_class = _env("GUNICORN_WORKER_CLASS", "gthread")
if worker_class not in WORKER_CLASSES and "." not in worker_class:
    _fail(
        f"GUNICORN_WORKER_CLASS must be one of {', '.join(sorted(WORKER_CLASSES))} "
        f"or a dotted path, got {worker_class!r}"
    )
timeout = _int("GUNICORN_TIMEOUT", 30, minimum=1)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30, minimum=1)
keepalive = _int("GUNICORN_KEEPALIVE", 5, minimum=0)
max_requests = _int("GUNICORN_MAX_REQUESTS", 10000, minimum=0)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 1000, minimum=0)
_preload = _env("GUNICORN_PRELOAD", "1")
if _preload not in ("0", "1"):
    _fail(f"GUNICORN_PRELOAD must be 0 or 1, got {_preload!r}")
preload_app = _preload == "1"

_access_log = _env("GUNICORN_ACCESS_LOG", "off")
accesslog = None if _access_log.lower() in ("off", "none", "0", "false") else _access_log
# The request line, status, size, referrer, user agent and the time taken in milliseconds.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
errorlog = _env("GUNICORN_ERROR_LOG", "-")
loglevel = _env("GUNICORN_LOG_LEVEL", "info").lower()
if loglevel not in ("debug", "info", "warning", "error", "critical"):
    _fail(f"GUNICORN_LOG_LEVEL must be debug, info, warning, error or critical, got {loglevel!r}")

wsgi_app = "cms.wsgi:application"
