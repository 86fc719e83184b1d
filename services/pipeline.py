"""Reviews in the publication pipeline, measured with `services.sla`."""

import datetime as dt
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, TaskState, WorkflowState

from . import sla
from .models import HolidayPeriod, MunicipalReviewTask, ServicePage


@dataclass
class Review:
    workflow_state: WorkflowState
    page: ServicePage
    started_at: dt.datetime
    waited: dt.timedelta
    target_days: int
    extension_days: int
    finished_at: dt.datetime | None = None

    @property
    def waited_days(self) -> float:
        return sla.waited_days(self.waited)

    @property
    def deadline(self) -> dt.date:
        return self.started_at.date() + dt.timedelta(days=self.target_days + self.extension_days)

    @property
    def overdue(self) -> bool:
        return sla.is_overdue(self.waited, self.target_days, self.extension_days)


def holidays():
    return list(HolidayPeriod.objects.values_list("start", "end"))


def reviews(*, status=WorkflowState.STATUS_IN_PROGRESS, now=None, only=None) -> list[Review]:
    """Reviews of services with the given workflow status, with their waiting times;
    `only`: just these workflow states' (ids or a queryset of ids).

    Four queries whatever the number of reviews.
    """
    now = now or dt.datetime.now(dt.UTC)
    page_type = ContentType.objects.get_for_model(Page)
    states = WorkflowState.objects.filter(base_content_type=page_type, status=status)
    if only is not None:
        states = states.filter(pk__in=only)
    states = list(states.order_by("created_at"))
    pages = ServicePage.objects.select_related(
        "provider", "responsible_municipality", "municipal_responsible", "locale"
    ).in_bulk([int(s.object_id) for s in states])
    task_states = TaskState.objects.filter(
        workflow_state__in=states, task__in=MunicipalReviewTask.objects.all()
    ).order_by("started_at")
    intervals: dict[int, list[sla.Interval]] = {}
    for ts in task_states:
        intervals.setdefault(ts.workflow_state_id, []).append(
            sla.Interval(ts.started_at, ts.finished_at)
        )
    periods = holidays()
    result = []
    for state in states:
        page = pages.get(int(state.object_id))
        if page is None or state.pk not in intervals:
            continue
        started = intervals[state.pk][0].start
        published_before = page.first_published_at is not None and page.first_published_at < started
        target = sla.target_days(
            published_before=published_before, needs_new_instructions=page.needs_new_instructions
        )
        end = now if status == WorkflowState.STATUS_IN_PROGRESS else intervals[state.pk][-1].end
        result.append(
            Review(
                workflow_state=state,
                page=page,
                started_at=started,
                waited=sla.waiting_time(intervals[state.pk], end or now),
                target_days=target,
                extension_days=sla.extension_days(started.date(), target, periods),
                finished_at=None if status == WorkflowState.STATUS_IN_PROGRESS else end,
            )
        )
    return result


def _locations(raw_stream):
    """The location dicts of a raw `time_and_place` stream (no query: the raw JSON)."""
    for block in raw_stream or []:
        for item in (block.get("value") or {}).get("locations") or []:
            value = item.get("value", item) if isinstance(item, dict) else None
            if isinstance(value, dict):
                yield value


def place_label(page) -> str:
    """Where a service is given, to tell apart services with the same name in the review
    queue and the SLA report: its first location ("place name or street, city"), with
    "+N" for more locations; empty without locations. Reads the raw stream: no query."""
    raw = getattr(page.time_and_place, "raw_data", None)
    locations = list(_locations(raw))
    if not locations:
        return ""
    first = locations[0]
    label = ", ".join(
        part
        for part in (first.get("name") or first.get("street_address"), first.get("city"))
        if part
    )
    if len(locations) > 1:
        label += f" +{len(locations) - 1}"
    return label


def summary_by_municipality(closed: list[Review]) -> dict[str, sla.Summary]:
    by_municipality: dict[str, list[sla.ClosedReview]] = {}
    for review in closed:
        name = str(review.page.responsible_municipality)
        by_municipality.setdefault(name, []).append(
            sla.ClosedReview(review.waited_days, review.target_days + review.extension_days)
        )
    return {name: sla.summarise(items) for name, items in sorted(by_municipality.items())}
