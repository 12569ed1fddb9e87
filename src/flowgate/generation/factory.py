"""Build the generation service from Settings: the one place that wires store, clients,
workers and limits together (and closes them in reverse order)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import httpx

from flowgate.config import Settings
from flowgate.generation.models import ModelTable
from flowgate.generation.results import RedisBlobs, ResultStore
from flowgate.generation.runner import GENERATE_KIND, GenerationRunner
from flowgate.generation.service import GenerationService, ServiceLimits
from flowgate.generation.upstream.client import UpstreamClient
from flowgate.generation.upstream.fetch import AiohttpFetcher
from flowgate.generation.webhooks.delivery import WEBHOOK_KIND, WebhookDeliverer
from flowgate.jobs.ownership import process_owner
from flowgate.jobs.store.base import Finish, Job, JobStore, Limits
from flowgate.jobs.store.sqlite import SqliteJobStore
from flowgate.jobs.worker import Worker, WorkerConfig
from flowgate.security.secrets import SecretBox, load_or_create_text_secret
from flowgate.security.ssrf import EgressPolicy, download, guarded_client

WEBHOOK_CONCURRENCY = 256


def egress_policy(settings: Settings) -> EgressPolicy:
    """SSRF_ALLOW_PRIVATE (development, tests) lifts the address *and* port checks; scheme
    and userinfo rules stay."""
    ports = frozenset(range(1, 65536)) if settings.ssrf_allow_private else frozenset({80, 443})
    return EgressPolicy(
        allowed_ports=ports,
        allow_private=settings.ssrf_allow_private,
        allow_http=settings.allow_http_callbacks,
        allow_list=EgressPolicy.parse_allow_list(settings.ssrf_allow_list),
    )


def public_base_url(settings: Settings) -> str:
    if settings.public_base_url:
        return settings.public_base_url
    host = "127.0.0.1" if settings.host in ("0.0.0.0", "::", "") else settings.host
    return f"http://{host}:{settings.port}"


def job_store(settings: Settings) -> tuple[JobStore, RedisBlobs | None]:
    """REDIS_URL switches from the embedded SQLite file to the shared Redis (results too).
    The Redis client is imported only then: it costs ~150 ms of every process's start-up."""
    if settings.redis_url is None:
        return SqliteJobStore(settings.data_dir / "flowgate.db"), None
    from flowgate.jobs.store.redis import RedisJobStore

    store = RedisJobStore(
        settings.redis_url.get_secret_value(),
        namespace=settings.namespace,
        lease_s=settings.lease_seconds,
        max_connections=settings.redis_max_connections,
    )
    return store, RedisBlobs(store, settings.task_retention_hours * 3600)


def _add_workers(
    service: GenerationService, settings: Settings, deliverer: WebhookDeliverer
) -> None:
    """The task worker and the callback-delivery worker of this process."""
    assert service.runner is not None
    owner = process_owner()
    webhook_worker = Worker(
        service.store,
        deliverer.handle,
        WorkerConfig(
            kind=WEBHOOK_KIND,
            owner=f"{owner}/{WEBHOOK_KIND}",
            concurrency=WEBHOOK_CONCURRENCY,
            lease_s=settings.lease_seconds,
        ),
    )

    def wake_deliveries(_job: Job, outcome: Finish) -> None:
        """A finish that created a callback delivery: claim it now, not at the next poll."""
        if outcome.spawn:
            webhook_worker.wake()

    service.generate_worker = Worker(
        service.store,
        service.runner.handle,
        WorkerConfig(
            kind=GENERATE_KIND,
            owner=f"{owner}/{GENERATE_KIND}",
            concurrency=settings.max_running_tasks,
            lease_s=settings.lease_seconds,
            limits=Limits(
                models={row.name: row.concurrency for row in service.table.rows},
                key=settings.per_key_concurrency,
            ),
            finalize=service.finalize,
            on_finish=wake_deliveries,
        ),
    )
    service.workers = [service.generate_worker, webhook_worker]


@contextlib.asynccontextmanager
async def generation_service(settings: Settings) -> AsyncIterator[GenerationService]:
    secrets = SecretBox.open(
        settings.secret_key.get_secret_value() if settings.secret_key else None, settings.data_dir
    )
    webhook_secret = (
        settings.webhook_secret.get_secret_value()
        if settings.webhook_secret
        else load_or_create_text_secret(settings.data_dir / "webhook.secret", prefix="whsec_")
    )
    policy = egress_policy(settings)
    server_key = settings.upstream_api_key.get_secret_value() if settings.upstream_api_key else None
    store, blobs = job_store(settings)
    service = GenerationService(
        store=store,
        table=ModelTable.load(settings.generation_models),
        secrets=secrets,
        server_key=server_key,
        egress=policy,
        limits=ServiceLimits(
            max_queued=settings.max_queued_tasks,
            lease_s=settings.lease_seconds,
            grace_s=settings.shutdown_grace_seconds,
            retention_s=settings.task_retention_hours * 3600,
            sync_wait_s=settings.sync_wait_seconds,
        ),
    )
    upstream_http = AiohttpFetcher()
    fetch_http = guarded_client(policy, timeout=httpx.Timeout(30.0, connect=10.0))
    webhook_http = guarded_client(policy, timeout=httpx.Timeout(15.0, connect=10.0))
    bases = [settings.upstream_base_url] + [
        u.strip() for u in settings.upstream_fallback_urls.split(",") if u.strip()
    ]

    async def fetch_image(url: str) -> tuple[bytes, str]:
        return await download(fetch_http, url, max_bytes=settings.max_download_bytes)

    service.results = ResultStore(
        settings.data_dir / "results",
        public_base_url(settings),
        inline=settings.inline_results,
        blobs=blobs,
    )
    runner = GenerationRunner(
        service.table,
        UpstreamClient(upstream_http, bases, download=fetch_image),
        service.results,
        secrets,
        lambda: server_key,
    )
    service.runner = runner
    if settings.generation_workers:  # else API-only: `flowgate worker` processes run tasks
        _add_workers(service, settings, WebhookDeliverer(webhook_http, webhook_secret))
    async with contextlib.AsyncExitStack() as stack:
        for client in (upstream_http, fetch_http, webhook_http):
            stack.push_async_callback(client.aclose)
        await service.start()
        stack.push_async_callback(service.stop)
        yield service
