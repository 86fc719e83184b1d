"""The frontend's journeys in a browser (issue 14): Chromium driven like a person, from the
start page by clicking links, typing in the search box, ticking filters and submitting.

1. A job seeker finds a work trial in Espoo for a 22-year-old by browsing, and again by
   searching, and reads its time and place.
2. An employer finds the pay-subsidy services.
3. An expert opens the internal instructions, adds a favourite, makes a list and sends it
   to a client in Swedish (public information only).
4. A provider's editor sees no internal information, not even with `?view=internal`.
5. Raasepori's services read in Swedish.
6. Accessibility: axe-core (WCAG 2.1 A/AA) finds nothing on the home, results and service
   pages and the staff view, in Finnish and Swedish; the skip link, keyboard focus, `lang`.
7. Mobile (375 × 812): no horizontal scrolling, the filters usable.

The expected services come from the database (the shared demo world, tests/conftest.py),
not from titles written here. Screenshots go to $E2E_SCREENSHOTS when it is set
(e2e-<journey>-<lang>-<desktop|mobile>.png), never into the repository.
"""

import os
import re
from html import unescape
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.html import strip_tags

from services.models import Favourite, Municipality, ServiceList, ServicePage

# serialized_rollback: start from the shared demo world even after another browser test
# has flushed the database (tests/e2e/conftest.py).
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}
AGE = 22


# --- Helpers ---------------------------------------------------------------------------------
def t(lang, message, context=None):
    """The interface's text in `lang`, as the site's catalogue translates it."""
    with translation.override(lang):
        if context:
            return translation.pgettext(context, message)
        return translation.gettext(message)


def live(lang="fi"):
    return ServicePage.objects.live().filter(locale__language_code=lang)


def open_to(service, municipality, age=None):
    """Whether a client living in `municipality` (at `age`) may use the service."""
    lives_there = (
        service.residence_irrelevant
        or service.participating_municipalities.filter(slug=municipality).exists()
    )
    age_ok = (
        age is None
        or service.all_working_age
        or (service.age_min or 0) <= age <= (service.age_max if service.age_max is not None else 68)
    )
    return lives_there and age_ok


def places(service):
    """The cities of a service's time-and-place locations."""
    return {
        location["city"]
        for block in service.time_and_place.raw_data
        for location in block["value"].get("locations") or []
    }


def internal_texts(*services):
    """The internal instructions' texts of the services (each rich text as plain text, each
    link's address), whitespace normalised: what must never reach anyone else."""
    found = []

    def walk(value):
        if isinstance(value, str):
            if value.startswith("http"):
                found.append(value)
            elif "<" in value:
                text = " ".join(unescape(strip_tags(value)).split())
                if len(text) >= 12:
                    found.append(text)
        elif isinstance(value, dict):
            for key, each in value.items():
                if key in ("text", "instructions", "url") or isinstance(each, (dict, list)):
                    walk(each)
        elif isinstance(value, list):
            for each in value:
                walk(each)

    for service in services:
        for block in service.internal.raw_data:
            walk(block["value"])
    return found


def block_text(service, block_type):
    for block in service.internal.raw_data:
        if block["type"] == block_type:
            return " ".join(unescape(strip_tags(block["value"])).split())
    raise AssertionError(f"{service} has no {block_type} block")


def page_text(page):
    """Everything the page says, hidden parts included, whitespace normalised."""
    return " ".join(page.evaluate("document.documentElement.textContent").split())


def shot(page, name):
    """A full-page screenshot into $E2E_SCREENSHOTS (skipped when it is not set)."""
    folder = os.environ.get("E2E_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"e2e-{name}.png"), full_page=True)


def settle(page):
    """Wait until the results page's in-place update (site.js) has finished."""
    page.locator("#search-form[aria-busy]").wait_for(state="detached")


def submit_filters(page, lang="fi"):
    with page.expect_navigation():
        page.get_by_role("button", name=t(lang, "Show services")).click()


def choose_residence_and_age(page, municipality, age, lang="fi"):
    page.get_by_label(t(lang, "Municipality of residence")).select_option(municipality)
    settle(page)
    page.get_by_label(t(lang, "Age"), exact=True).fill(str(age))
    page.keyboard.press("Tab")
    settle(page)
    submit_filters(page, lang)


def search(page, text):
    """Type into the search box (its suggestions may open) and send it with Enter."""
    box = page.locator("#q")
    box.fill("")
    box.press_sequentially(text, delay=20)
    with page.expect_navigation():
        box.press("Enter")


def result_ids(page):
    return [
        int(re.search(r"/services/(\d+)/", href).group(1))
        for href in page.locator(".result__title a").evaluate_all(
            "links => links.map((a) => a.getAttribute('href'))"
        )
    ]


def open_result(page, service):
    """Click the result that is `service` (by its title; one such link on the page)."""
    links = page.locator(".result__title a", has_text=service.title)
    hrefs = links.evaluate_all("links => links.map((a) => a.getAttribute('href'))")
    index = next(i for i, href in enumerate(hrefs) if f"/services/{service.pk}/" in href)
    with page.expect_navigation():
        links.nth(index).click()
    assert f"/services/{service.pk}/" in page.url
    assert page.locator("h1").inner_text() == service.title


def watch_errors(page):
    """Collect the page's script errors and failed requests of the site's own files."""
    problems = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on(
        "response",
        lambda r: r.status >= 500 and problems.append(f"{r.status} {r.url}"),
    )
    return problems


@pytest.fixture
def visitor(browser, live_server):
    """An anonymous browser page on the live server: visitor(viewport=..., lang=...)."""
    contexts = []

    def _open(viewport=DESKTOP, locale="fi-FI"):
        context = browser.new_context(base_url=live_server.url, viewport=viewport, locale=locale)
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()


# --- 1. Job seeker ---------------------------------------------------------------------------
def espoo_work_trial():
    """The work trial ("työkokeilu") of the demo world held in Espoo that a 22-year-old
    living in Espoo may join."""
    found = [
        service
        for service in live("fi").filter(audiences__slug="job-seeker")
        if "työkokeilu" in service.title.lower()
        and "Espoo" in places(service)
        and open_to(service, "espoo", AGE)
    ]
    assert len(found) == 1, found
    return found[0]


def assert_time_and_place(page, service):
    section = page.locator("section[aria-labelledby=svc-time-place]")
    assert section.get_by_role("heading", name=t("fi", "Time and place")).is_visible()
    text = " ".join(section.inner_text().split())
    for block in service.time_and_place.raw_data:
        for location in block["value"].get("locations") or []:
            assert location["street_address"] in text
            assert f"{location['postal_code']} {location['city']}" in text
        for period in block["value"].get("periods") or []:
            assert section.locator(f'time[datetime="{period["start_date"]}"]').count() == 1


def job_seeker_journey(visitor):
    trial = espoo_work_trial()
    situation = trial.client_situations.order_by("pk").first()
    page = visitor()
    problems = watch_errors(page)

    # Browsing: the audience, a life situation, then residence and age.
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "fi"
    with page.expect_navigation():
        page.locator(".audience-cards").get_by_role(
            "link", name=re.compile(re.escape(t("fi", "For job seekers")))
        ).click()
    assert page.locator("input[name=audience][value=job-seeker]").is_checked()
    group = page.locator('[data-group="situation"]')
    group.get_by_role("checkbox", name=re.compile("^" + re.escape(situation.name))).check()
    settle(page)
    choose_residence_and_age(page, "espoo", AGE)
    assert "municipality=espoo" in page.url and f"age={AGE}" in page.url
    ids = result_ids(page)
    assert trial.pk in ids
    for service in ServicePage.objects.filter(pk__in=ids):
        assert open_to(service, "espoo", AGE), service
        assert service.client_situations.filter(slug=situation.slug).exists(), service
    chips = page.locator(".chips").inner_text()
    assert "Espoo" in chips and str(AGE) in chips
    shot(page, "jobseeker-browse-fi-desktop")
    open_result(page, trial)
    assert_time_and_place(page, trial)
    shot(page, "jobseeker-service-fi-desktop")

    # Searching: from the front page again, the search box, then residence and age.
    with page.expect_navigation():
        page.get_by_role("link", name=t("fi", "Service Manual")).first.click()
    search(page, "työkokeilu")
    assert page.locator("h1").inner_text() == "Hakutulokset: ”työkokeilu”"
    choose_residence_and_age(page, "espoo", AGE)
    assert "q=ty%C3%B6kokeilu" in page.url
    ids = result_ids(page)
    assert ids[0] == trial.pk  # the best match first
    for service in ServicePage.objects.filter(pk__in=ids):
        assert open_to(service, "espoo", AGE), service
    vantaa_trials = live("fi").filter(title=trial.title).exclude(pk=trial.pk)
    assert not set(vantaa_trials.values_list("pk", flat=True)) & set(ids)
    shot(page, "jobseeker-search-fi-desktop")
    open_result(page, trial)
    assert_time_and_place(page, trial)
    assert problems == []


# --- 2. Employer -----------------------------------------------------------------------------
def pay_subsidy_services():
    """The demo world's pay-subsidy ("palkkatuki") services for employers: the employer
    services of the pay-subsidy category, and those whose title or short description is
    about pay subsidy (palkkatuki, palkkatuen, ...)."""
    employer = live("fi").filter(audiences__slug="employer")
    return {
        service.pk
        for service in employer
        if service.service_category.slug == "palkkatuki-ja-tuettu-tyo"
        or "palkkatu" in f"{service.title} {service.short_description}".lower()
    }


def employer_journey(visitor):
    expected = pay_subsidy_services()
    assert len(expected) >= 2, expected  # the category's and the advice's
    employer_services = set(
        live("fi").filter(audiences__slug="employer").values_list("pk", flat=True)
    )
    page = visitor()
    problems = watch_errors(page)

    page.goto("/")
    with page.expect_navigation():
        page.locator(".audience-cards").get_by_role(
            "link", name=re.compile(re.escape(t("fi", "For employers")))
        ).click()
    assert page.locator("input[name=audience][value=employer]").is_checked()
    assert set(result_ids(page)) == employer_services
    search(page, "palkkatuki")
    assert page.locator("input[name=audience][value=employer]").is_checked()  # kept
    ids = result_ids(page)
    # The pay-subsidy services are the best matches; anything after them is for employers.
    assert set(ids[: len(expected)]) == expected, ids
    assert set(ids) <= employer_services
    titles = page.locator(".result__title").all_inner_texts()
    assert set(titles[: len(expected)]) == {s.title for s in live("fi").filter(pk__in=expected)}
    shot(page, "employer-search-fi-desktop")
    assert problems == []


# --- 3. Expert -------------------------------------------------------------------------------
def raasepori_pair():
    """A Raasepori service with its Swedish translation, and internal instructions."""
    sv = live("sv").filter(responsible_municipality__slug="raasepori").order_by("pk").first()
    fi = ServicePage.objects.get(translation_key=sv.translation_key, locale__language_code="fi")
    assert block_text(fi, "referral")
    return fi, sv


def filter_by_residence(page, municipality, lang="fi"):
    page.get_by_label(t(lang, "Municipality of residence")).select_option(municipality)
    settle(page)
    submit_filters(page, lang)


def expert_journey(session_as):
    """Raasepori's expert (a municipal user: may read internal information) with a
    Swedish-speaking client."""
    fi, sv = raasepori_pair()
    page = session_as("raasepori-expert")
    problems = watch_errors(page)

    page.goto("/")
    search(page, fi.title)
    filter_by_residence(page, "raasepori")
    open_result(page, fi)
    assert page.locator(".svc-internal").count() == 0  # the client's view first

    # "Näytä sisäiset ohjeet": the internal instructions, readable.
    with page.expect_navigation():
        page.get_by_role("link", name=t("fi", "Show internal instructions")).click()
    assert "view=internal" in page.url
    internal = page.locator(".svc-internal")
    assert internal.get_by_role("heading", name=t("fi", "Internal instructions")).is_visible()
    text = " ".join(internal.inner_text().split())
    assert block_text(fi, "referral") in text
    assert block_text(fi, "specialist_prerequisites") in text
    assert "True" not in text and "binding" not in text  # labels, not raw values
    # Every internal text of the service is on the page (what the other journeys must not see).
    shown = page_text(page) + unescape(page.content())
    assert [text for text in internal_texts(fi) if text not in shown] == []
    assert page.get_by_role("link", name=t("fi", "Show the client's instructions")).is_visible()
    shot(page, "expert-internal-fi-desktop")

    # A favourite.
    with page.expect_navigation():
        page.get_by_role("button", name=t("fi", "Add to favourites")).click()
    assert page.get_by_role("button", name=t("fi", "Remove from favourites")).is_visible()
    assert fi.favourited_by.filter(user__username="raasepori-expert").exists()

    # A new list with the service.
    with page.expect_navigation():
        page.get_by_role("link", name=t("fi", "Add to list")).click()
    page.get_by_label(t("fi", "Or a new list named")).fill("Asiakkaalle: työnhaku")
    with page.expect_navigation():
        page.get_by_role("button", name=t("fi", "Add to list")).click()
    assert "Asiakkaalle: työnhaku" in page.locator(".messages").inner_text()

    # The favourites and the list from the staff menu.
    with page.expect_navigation():
        page.get_by_role("link", name=t("fi", "My lists")).click()
    with page.expect_navigation():
        page.locator(".staff-nav").get_by_role("link", name=t("fi", "Favourites")).click()
    assert page.locator("main").get_by_role("link", name=fi.title, exact=True).count() == 1
    with page.expect_navigation():
        page.locator(".staff-nav").get_by_role("link", name=t("fi", "Lists")).click()
    with page.expect_navigation():
        page.get_by_role("link", name="Asiakkaalle: työnhaku").click()
    assert page.locator("main").get_by_role("link", name=fi.title, exact=True).count() == 1

    # Sent to the client in Swedish: the public information only.
    with page.expect_navigation():
        page.get_by_role("link", name="På svenska").click()
    assert "lang=sv" in page.url
    sheet = page.locator("article.client-sheet")
    assert sheet.get_attribute("lang") == "sv"
    sheet_text = " ".join(sheet.inner_text().split())
    assert sv.title in sheet_text and sv.title != fi.title
    assert " ".join(sv.short_description.split()) in sheet_text
    assert t("sv", "Provider") in sheet_text and t("sv", "Time and place") in sheet_text
    assert fi.title not in sheet_text
    everything = page_text(page) + unescape(page.content())
    leaks = [text for text in internal_texts(fi, sv) if text in everything]
    assert leaks == []
    assert "svc-internal" not in page.content()
    shot(page, "expert-client-sv-desktop")
    assert problems == []


# --- 4. Provider editor ----------------------------------------------------------------------
def assert_nothing_internal(page, *services):
    assert page.get_by_role("link", name=t("fi", "Show internal instructions")).count() == 0
    assert page.locator(".svc-view-toggle").count() == 0
    html = page.content()
    assert "svc-internal" not in html
    assert t("fi", "Internal instructions") not in page_text(page)
    everything = page_text(page) + unescape(html)
    assert [text for text in internal_texts(*services) if text in everything] == []


def provider_editor_journey(session_as):
    own = live("fi").filter(provider__slug="yrityspalvelu").order_by("pk").first()
    other = live("fi").exclude(provider=own.provider).order_by("pk").first()
    assert internal_texts(own) and internal_texts(other)
    page = session_as("yrityspalvelu-editor")
    problems = watch_errors(page)

    for service in (own, other):
        page.goto("/")
        search(page, service.title)
        open_result(page, service)
        assert (
            page.locator("main").get_by_role("heading", name=t("fi", "Time and place")).is_visible()
        )  # the public page is all there
        assert_nothing_internal(page, service)
        # Asking for the internal view gives the same public page.
        page.goto(page.url.split("?")[0] + "?view=internal")
        assert page.locator("h1").inner_text() == service.title
        assert_nothing_internal(page, service)
    shot(page, "editor-service-fi-desktop")
    assert problems == []


# --- 5. Swedish ------------------------------------------------------------------------------
def swedish_journey(visitor):
    raasepori = Municipality.objects.get(slug="raasepori", locale__language_code="sv")
    swedish = live("sv").filter(responsible_municipality__slug="raasepori").order_by("pk").first()
    page = visitor(locale="sv-FI")
    problems = watch_errors(page)

    page.goto("/sv/")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator("h1").inner_text() == t("sv", "Find an employment service")
    with page.expect_navigation():
        page.get_by_role("link", name=t("sv", "Browse all services")).click()
    filter_by_residence(page, "raasepori", "sv")
    assert "/sv/services/" in page.url
    chips = page.locator(".chips").inner_text()
    assert raasepori.name in chips  # Raseborg
    ids = result_ids(page)
    assert swedish.pk in ids
    for service in ServicePage.objects.filter(pk__in=ids):
        assert open_to(service, "raasepori"), service
    # The Swedish service is not marked as a Finnish fallback; Finnish-only ones are.
    item = page.locator(f"#result-{swedish.pk}")
    assert item.get_attribute("lang") is None
    for fallback in page.locator(".result__title[lang=fi]").all():
        assert fallback.inner_text() in set(live("fi").values_list("title", flat=True))
    shot(page, "raasepori-results-sv-desktop")

    open_result(page, swedish)
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator("main [lang=fi]").count() == 0  # nothing shown in Finnish
    assert page.locator(".svc-lead").inner_text() == swedish.short_description.strip()
    main = page.locator("main")
    for heading in ("About the service", "Who is it for", "Time and place", "Price"):
        assert main.get_by_role("heading", name=t("sv", heading), exact=True).is_visible()
    assert t("sv", "Free of charge") in main.inner_text() or not swedish.is_free
    assert page.get_by_role("link", name=t("sv", "Front page")).is_visible()
    shot(page, "raasepori-service-sv-desktop")
    assert problems == []


# --- 6. Accessibility ------------------------------------------------------------------------
def staff_lists(*services):
    """helsinki-expert's favourites, an own list and one a colleague shares (the test world
    is built without them)."""
    User = get_user_model()
    expert = User.objects.get(username="helsinki-expert")
    colleague = User.objects.get(username="helsinki-producer")
    for service in services:
        Favourite.objects.create(user=expert, page=service)
    own = ServiceList.objects.create(owner=expert, name="Asiakkaalle", description="Työnhaku")
    shared = ServiceList.objects.create(owner=colleague, name="Tiimin palvelut")
    for service in services:
        own.add(service)
        shared.add(service)
    shared.shared_with.add(expert)


def accessibility_checks(visitor, session_as, axe, axe_report):
    trial = espoo_work_trial()
    fi, sv = raasepori_pair()
    staff_service = live("fi").filter(responsible_municipality__slug="helsinki").order_by("pk")[0]
    situation = trial.client_situations.order_by("pk").first()
    staff_lists(staff_service, fi)
    found = {}

    def check(page, name, lang):
        assert page.locator("html").get_attribute("lang") == lang, page.url
        violations = axe(page)
        if violations:
            found[f"{name} ({page.url})"] = axe_report(violations)

    # The keyboard: the skip link first, to main; then the search box, its focus visible.
    page = visitor()
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "(() => { const e = document.activeElement; const r = e.getBoundingClientRect();"
        " return {cls: e.className, text: e.textContent, top: r.top, height: r.height}; })()"
    )
    assert focused["cls"] == "skip-link" and focused["text"] == t("fi", "Skip to content")
    assert focused["top"] >= 0 and focused["height"] > 0  # shown when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q"
    ring = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; })()"
    )
    assert ring[0] != "none" and ring[1] != "0px", ring
    shot(page, "a11y-focus-fi-desktop")

    for lang, prefix, municipality, service in (
        ("fi", "", "espoo", trial),
        ("sv", "/sv", "raasepori", sv),
    ):
        page.goto(f"{prefix}/")
        check(page, "home", lang)
        # The search box with its suggestions open.
        page.locator("#q").press_sequentially("ty", delay=20)
        page.locator("#q-suggestions [role=option]").first.wait_for()
        check(page, "home, suggestions open", lang)
        page.goto(
            f"{prefix}/services/?audience=job-seeker&situation={situation.slug}"
            f"&municipality={municipality}&age={AGE}"
        )
        check(page, "results with filters", lang)
        # After a filter changed the results in place.
        page.locator("[data-group=situation] input").first.click()
        settle(page)
        check(page, "results updated in place", lang)
        page.goto(f"{prefix}/services/?q=xyzzyqq")
        check(page, "no results", lang)
        page.goto(f"{prefix}/services/{service.pk}/")
        check(page, "service page", lang)

    staff = session_as("helsinki-expert")
    for lang, prefix in (("fi", ""), ("sv", "/sv")):
        staff.goto(f"{prefix}/services/{staff_service.pk}/?view=internal")
        assert staff.locator(".svc-internal").count() == 1
        check(staff, "service page with internal instructions", lang)
        shot(staff, f"a11y-internal-{lang}-desktop")
        staff.goto(f"{prefix}/lists/")
        check(staff, "lists", lang)
        with staff.expect_navigation():
            staff.locator(".staff-card__title a").first.click()
        check(staff, "a list", lang)
        with staff.expect_navigation():
            staff.locator(".staff-send a").first.click()
        check(staff, "a list for a client", lang)
        staff.goto(f"{prefix}/favourites/")
        check(staff, "favourites", lang)
    assert found == {}, "\n\n".join(f"{name}:\n{report}" for name, report in found.items())


# --- 7. Mobile -------------------------------------------------------------------------------
def assert_no_horizontal_scrolling(page):
    sizes = page.evaluate(
        "[document.scrollingElement.scrollWidth, window.innerWidth, document.body.scrollWidth]"
    )
    assert sizes[0] <= sizes[1] and sizes[2] <= sizes[1], (page.url, sizes)


def mobile_checks(visitor, session_as):
    trial = espoo_work_trial()
    situation = trial.client_situations.order_by("pk").first()
    fi, sv = raasepori_pair()
    page = visitor(viewport=MOBILE)
    problems = watch_errors(page)

    page.goto("/")
    assert_no_horizontal_scrolling(page)
    shot(page, "home-fi-mobile")
    with page.expect_navigation():
        page.locator(".audience-cards").get_by_role(
            "link", name=re.compile(re.escape(t("fi", "For job seekers")))
        ).click()
    assert_no_horizontal_scrolling(page)
    # The filter panel starts closed on a phone; it opens, and a choice updates the results.
    panel = page.locator("#filters")
    assert panel.get_attribute("open") is None
    panel.locator("summary").first.click()
    assert panel.get_attribute("open") is not None
    box = page.locator("[data-group=situation]").get_by_role(
        "checkbox", name=re.compile("^" + re.escape(situation.name))
    )
    box.check()
    settle(page)
    assert box.is_checked()
    assert "situation=" in page.url  # the address follows
    choose_residence_and_age(page, "espoo", AGE)
    assert trial.pk in result_ids(page)
    assert_no_horizontal_scrolling(page)
    shot(page, "results-fi-mobile")
    open_result(page, trial)
    assert_no_horizontal_scrolling(page)
    shot(page, "service-fi-mobile")

    for path, name in (
        ("/sv/", "home-sv-mobile"),
        ("/sv/services/?municipality=raasepori&audience=job-seeker", "results-sv-mobile"),
        (f"/sv/services/{sv.pk}/", "service-sv-mobile"),
    ):
        page.goto(path)
        assert_no_horizontal_scrolling(page)
        shot(page, name)
    assert problems == []

    staff = session_as("helsinki-expert")
    staff.set_viewport_size(MOBILE)
    for path, name in (
        (f"/services/{fi.pk}/?view=internal", "internal-fi-mobile"),
        ("/lists/", "lists-fi-mobile"),
    ):
        staff.goto(path)
        assert_no_horizontal_scrolling(staff)
        shot(staff, name)


# --- The tests: each starts by restoring the demo world (several seconds), so the journeys
# are grouped: the public catalogue's readers, the staff, then accessibility and phones.
def test_job_seeker_employer_and_swedish_reader_find_their_services(visitor):
    job_seeker_journey(visitor)
    employer_journey(visitor)
    swedish_journey(visitor)


def test_expert_reads_internal_instructions_and_a_provider_editor_sees_none(session_as):
    expert_journey(session_as)
    provider_editor_journey(session_as)


def test_accessibility_and_mobile(visitor, session_as, axe, axe_report):
    accessibility_checks(visitor, session_as, axe, axe_report)
    mobile_checks(visitor, session_as)
