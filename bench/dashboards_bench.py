"""The managers' dashboards on a book of 1,000,000 policies (PostgreSQL), timed
server-side, page by page, beside the SQL they need.

Run with `make bench-dashboards` (BENCH_POLICIES, default 1000000). It creates a throwaway
database (BENCH_DASHBOARDS_DATABASE_URL, name starting with "bench"), 100 dealers in the
three markets (10 of them smart retailers) with five sellers each, and then, in SQL
(INSERT ... SELECT over generate_series, each table's rows copied from one row made
through the ORM so that every column is as the models make it):
- 1.2 deals for every policy (the rest bought nothing), each with its vehicle;
- the policies over three years, by market and brand: 6% cancelled, renewable ones that
  have ended renewed or lapsed;
- an offer for every policy (accepted) and a declined one, with a reason, for every
  second deal without a policy;
- a claim for every twentieth policy, most settled (approved the week after it was
  notified, paid a month later), one in ten of those open declined;
- a complaint for every fourth claim (about claims, two in three of the rest about the
  sale), with outcomes and some redress (the value measures).
Then it rebuilds the summaries (dashboards_refresh, timed) and times each page for head
office (every market), a group manager (40 dealers) and a dealer's sales manager: the
median of BENCH_ROUNDS (25) rounds through Django's test client, after a warm-up.
Beside each, its floor: the page's own SQL replayed raw on the same connection, plus the
bare page (/bench/bare-page: a logged-in request that renders the site's layout around
nothing, the cost every page has before it does anything, as the API bench measures
against a bare view). And, for comparison, the page's main figures aggregated straight
from the records (what the page would cost without the summaries).

Target (issue 8): every page under 300 ms and within 2x of its floor.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import timedelta
from urllib.parse import urlsplit

from . import api_bench as b

N = int(os.environ.get("BENCH_POLICIES", "1000000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "25"))
DATABASE_URL = os.environ.get(
    "BENCH_DASHBOARDS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_dashboards"
)
PAGES = ("sales", "penetration", "cancellations", "renewals", "claims", "value")
MARKETS = (
    ("UK", "GBP", "en", 50, "lexus"),
    ("UK", "GBP", "en", 10, "smart"),
    ("IT", "EUR", "it", 20, "lexus"),
    ("AU", "AUD", "en", 20, "lexus"),
)


def people():
    """100 dealers with five sellers each, a group per market, and the three readers."""
    from dealers.models import Dealer, DealerGroup, Role, User

    places = {"UK": ("Greater Manchester", "M1 1AA"), "IT": ("RM", "00184"), "AU": ("NSW", "2000")}

    dealers, n = [], 0
    for market, currency, language, count, brand in MARKETS:
        group = DealerGroup.objects.create(name=f"Bench {market} {brand}", market=market)
        for i in range(count):
            n += 1
            region, postcode = places[market]
            dealers.append(
                Dealer.objects.create(
                    group=group,
                    code=f"bench-{n}",
                    name=f"Bench {brand} {market} {i + 1:02d}",
                    market=market,
                    currency=currency,
                    language=language,
                    brand=brand,
                    address_line1="1 Road",
                    city="Town",
                    region=region,
                    postcode=postcode,
                )
            )
    sellers = {
        d.pk: [
            User.objects.create_user(
                username=f"s{d.pk}-{k}",
                password=None,
                dealer=d,
                role=Role.SALES_EXECUTIVE,
                first_name=f"Seller {k}",
                last_name=d.code,
            )
            for k in range(5)
        ]
        for d in dealers
    }
    uk = DealerGroup.objects.get(name="Bench UK lexus")
    readers = {
        "head office": User.objects.create_user(
            username="b-ho", password=None, role=Role.HEAD_OFFICE
        ),
        "group manager (40 dealers)": User.objects.create_user(
            username="b-group", password=None, role=Role.GROUP_MANAGER, dealer_group=uk
        ),
        "sales manager (1 dealer)": User.objects.create_user(
            username="b-manager", password=None, role=Role.SALES_MANAGER, dealer=dealers[0]
        ),
    }
    Dealer.objects.filter(group=uk).exclude(pk__in=[d.pk for d in dealers[:40]]).update(
        group=DealerGroup.objects.create(name="Bench UK other", market="UK")
    )
    return dealers, sellers, readers


def templates(dealer, seller):
    """One of each row the book copies, made through the models."""
    from decimal import Decimal

    from django.utils import timezone

    from claims.models import Claim, ClaimStatusChange
    from complaints.models import Complaint
    from dealers.models import Customer, Deal, Vehicle
    from policies.models import Offer, Policy, Product

    customer = Customer.objects.create(
        dealer=dealer,
        first_name="Bench",
        last_name="Customer",
        email="c@example.com",
        phone="+44 20 7946 0958",
        address_line1="1 Road",
        city="Town",
        postcode="M1 1AA",
    )
    vehicle = Vehicle.objects.create(
        dealer=dealer,
        customer=customer,
        vin="JTHBA3BL0A0000001",
        model="NX",
        invoice_price=Decimal("45000"),
    )
    deal = Deal.objects.create(
        dealer=dealer,
        customer=customer,
        vehicle=vehicle,
        salesperson=seller,
        deal_date=timezone.localdate(),
    )
    product = Product.objects.get(code="smart-cover")
    policy = Policy.objects.create(
        number="TEMPLATE",
        product=product,
        dealer=dealer,
        deal=deal,
        customer=customer,
        vehicle=vehicle,
        sold_by=seller,
        sold_at=timezone.now(),
        start_date=deal.deal_date,
        end_date=deal.deal_date + timedelta(days=365),
        term_months=12,
        payment_plan="single",
        currency="GBP",
        net_premium=Decimal("200"),
        tax_total=Decimal("24"),
        fee_total=0,
        total_premium=Decimal("224"),
        breakdown={},
        answers={},
        submission_key="template",
        rate_card=product.rate_cards.first(),
    )
    offer = Offer.objects.create(deal=deal, product=product, decision="accepted")
    claim = Claim.objects.create(
        number="TEMPLATE",
        policy=policy,
        dealer=dealer,
        event="scratch",
        loss_date=deal.deal_date,
        reported_date=deal.deal_date,
        currency="GBP",
        notified_by=seller,
        notified_at=timezone.now(),
    )
    change = ClaimStatusChange.objects.create(
        claim=claim, from_status="under_assessment", to_status="approved", action="approve",
        changed_by=seller, changed_at=timezone.now(),
    )  # fmt: skip
    complaint = Complaint.objects.create(
        number="TEMPLATE", dealer=dealer, customer=customer, policy=policy, claim=claim,
        product=product, category="claim", summary="Bench", received_on=deal.deal_date,
        channel="phone", recorded_at=timezone.now(), respond_by=deal.deal_date,
        rule_reference="bench", currency="GBP",
    )  # fmt: skip
    return {
        "customer": customer,
        "vehicle": vehicle,
        "deal": deal,
        "policy": policy,
        "offer": offer,
        "claim": claim,
        "change": change,
        "complaint": complaint,
    }


def copy_rows(
    model, template_pk: int, count: int, overrides: dict[str, str], source: str = ""
) -> None:
    """INSERT `count` rows copied from the template row, each column either the template's
    or the SQL expression of `overrides` (over g, the series number 1..count)."""
    from django.db import connection

    table = model._meta.db_table
    columns = [f.column for f in model._meta.concrete_fields if f.column != "id"]
    exprs = [overrides.get(c, f't."{c}"') for c in columns]
    targets = ", ".join(f'"{c}"' for c in columns)
    sql = (  # the bench's own expressions, no input from outside
        f'INSERT INTO "{table}" ({targets}) SELECT {", ".join(exprs)} FROM "{table}" t, '  # noqa: S608 # nosec B608 # the bench's own SQL
        f"generate_series(1, {count}) g {source} WHERE t.id = {template_pk}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)


def dealer_table(dealers, sellers) -> None:
    """bench_dealer(i, id, market, currency, products[], sellers[]): the book's dealers by
    position, for the generated rows to join."""
    from django.db import connection

    from policies.models import Product

    products = {(p.market, p.brand): [] for p in Product.objects.all()}
    for p in Product.objects.order_by("code"):
        products[(p.market, p.brand)].append(p.pk)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE bench_dealer (i int PRIMARY KEY, id bigint, market text,"
            " currency text, products int[], sellers int[])"
        )
        for i, d in enumerate(dealers):
            cursor.execute(
                "INSERT INTO bench_dealer VALUES (%s, %s, %s, %s, %s, %s)",
                [
                    i,
                    d.pk,
                    d.market,
                    d.currency,
                    products[(d.market, d.brand)],
                    [s.pk for s in sellers[d.pk]],
                ],
            )


def top(model) -> int:
    """The highest id so far: a single INSERT ... SELECT numbers its rows on from it."""
    return model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def load_book(n: int, dealers, sellers) -> dict[str, int]:
    from django.db import connection

    from claims.models import Claim
    from dealers.models import Customer, Deal, Vehicle
    from policies.models import Offer, Policy

    t = templates(dealers[0], sellers[dealers[0].pk][0])
    dealer_table(dealers, sellers)
    deals, nd = int(n * 1.2), len(dealers)
    by = f"JOIN bench_dealer bd ON bd.i = g % {nd}"
    c0 = top(Customer) + 1
    copy_rows(
        Customer, t["customer"].pk, deals, {"dealer_id": "bd.id", "last_name": "'C' || g"}, by
    )
    v0 = top(Vehicle) + 1
    copy_rows(
        Vehicle,
        t["vehicle"].pk,
        deals,
        {
            "dealer_id": "bd.id",
            "customer_id": f"{c0} - 1 + g",
            "vin": "'JTHBA3BL0A' || lpad(g::text, 7, '0')",
        },
        by,
    )
    d0 = top(Deal) + 1
    copy_rows(
        Deal,
        t["deal"].pk,
        deals,
        {
            "dealer_id": "bd.id",
            "customer_id": f"{c0} - 1 + g",
            "vehicle_id": f"{v0} - 1 + g",
            "salesperson_id": "bd.sellers[1 + (g / 7) % 5]",
            "deal_date": "current_date - (g % 1095)",
            "status": "'delivered'",
        },
        by,
    )
    day = "(current_date - (g % 1095))"
    status = (
        f"CASE WHEN g % 50 < 3 THEN 'cancelled' WHEN {day} + 365 < current_date THEN "
        f"(CASE WHEN g % 10 < 6 THEN 'renewed' ELSE 'lapsed' END) ELSE 'live' END"
    )
    p0 = top(Policy) + 1
    copy_rows(
        Policy,
        t["policy"].pk,
        n,
        {
            "number": "'B' || g",
            "submission_key": "'b-' || g",
            "dealer_id": "bd.id",
            "deal_id": f"{d0} - 1 + g",
            "customer_id": f"{c0} - 1 + g",
            "vehicle_id": f"{v0} - 1 + g",
            "sold_by_id": "bd.sellers[1 + (g / 7) % 5]",
            "product_id": "bd.products[1 + (g / 3) % array_length(bd.products, 1)]",
            "currency": "bd.currency",
            "sold_at": f"{day}::timestamptz + interval '11 hours'",
            "start_date": day,
            "end_date": f"{day} + 365",
            "status": status,
            "cancelled_on": f"CASE WHEN g % 50 < 3 THEN {day} + 40 END",
            "refund": "CASE WHEN g % 50 < 3 THEN 150 END",
            "net_premium": "200 + g % 500",
            "total_premium": "(200 + g % 500) * 1.12",
            "commission": "(200 + g % 500) * 0.2",
        },
        by,
    )
    copy_rows(
        Offer,
        t["offer"].pk,
        n,
        {
            "deal_id": f"{d0} - 1 + g",
            "product_id": f"(SELECT product_id FROM policies_policy WHERE id = {p0} - 1 + g)",  # noqa: S608 # nosec B608 # ids the bench computed
        },
    )
    declined = (deals - n) // 2
    copy_rows(
        Offer,
        t["offer"].pk,
        declined,
        {
            "deal_id": f"{d0} - 1 + {n} + g",
            "product_id": "bd.products[1]",
            "decision": "'declined'",
            "reason_code": "(ARRAY['price', 'has_cover', 'not_needed', 'thinking',"
            " 'other'])[1 + g % 5]",
        },
        by,
    )
    claims = n // 20
    copy_rows(
        Claim,
        t["claim"].pk,
        claims,
        {
            "number": "'BC' || g",
            "policy_id": f"{p0} - 1 + g * 20",
            "dealer_id": "p.dealer_id",
            "currency": "p.currency",
            "loss_date": "p.start_date + 30",
            "reported_date": "p.start_date + 32",
            "notified_at": "(p.start_date + 32)::timestamptz",
            "status": "CASE WHEN g % 5 = 0 THEN 'notified' ELSE 'settled' END",
            "decision": "CASE WHEN g % 5 = 0 THEN '' ELSE 'approved' END",
            "settled_amount": "CASE WHEN g % 5 = 0 THEN NULL ELSE 50 + g % 400 END",
            "settled_on": "CASE WHEN g % 5 = 0 THEN NULL ELSE p.start_date + 62 END",
        },
        f"JOIN policies_policy p ON p.id = {p0} - 1 + g * 20",
    )
    made = claim_history(t, claims)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM complaints_complaint WHERE number = 'TEMPLATE'")
        cursor.execute("DELETE FROM claims_claimstatuschange WHERE id = %s", [t["change"].pk])
        cursor.execute("DELETE FROM claims_claim WHERE number = 'TEMPLATE'")
        cursor.execute("DELETE FROM policies_offer WHERE id = %s", [t["offer"].pk])
        cursor.execute("DELETE FROM policies_policy WHERE number = 'TEMPLATE'")
        cursor.execute("DROP TABLE bench_dealer")
    return {"deals": deals, "policies": n, "offers": n + declined, "claims": claims, **made}


def claim_history(t: dict, claims: int) -> dict[str, int]:
    """The claims' decisions (approved, a week after notification, for the settled ones;
    declined for one in ten open) and a complaint for every fourth claim."""
    from claims.models import ClaimStatusChange
    from complaints.models import Complaint

    bench_claims = "JOIN claims_claim c ON c.number = 'BC' || g"
    copy_rows(
        ClaimStatusChange,
        t["change"].pk,
        claims,
        {
            "claim_id": "c.id",
            "to_status": "CASE WHEN c.status = 'settled' THEN 'approved' ELSE 'declined' END",
            "action": "CASE WHEN c.status = 'settled' THEN 'approve' ELSE 'decline' END",
            "changed_at": "c.notified_at + interval '7 days'",
        },
        f"{bench_claims} AND (c.status = 'settled' OR g % 50 = 0)",
    )
    complaints = claims // 4
    copy_rows(
        Complaint,
        t["complaint"].pk,
        complaints,
        {
            "number": "'BX' || g",
            "dealer_id": "c.dealer_id",
            "claim_id": "c.id",
            "policy_id": "c.policy_id",
            "product_id": "p.product_id",
            "customer_id": "p.customer_id",
            "currency": "c.currency",
            "category": "(ARRAY['claim', 'claim', 'claim', 'sale', 'value', 'service'])[1 + g % 6]",
            "received_on": "c.reported_date + 20",
            "respond_by": "c.reported_date + 76",
            "status": "'closed'",
            "outcome": "(ARRAY['upheld', 'not_upheld', 'partly_upheld'])[1 + g % 3]",
            "redress": "CASE WHEN g % 3 = 0 THEN 75 ELSE 0 END",
        },
        "JOIN claims_claim c ON c.number = 'BC' || (g * 4) "
        "JOIN policies_policy p ON p.id = c.policy_id",
    )
    return {"complaints": complaints}


def replay(queries) -> float:
    """The page's SQL run raw, again, on the same connection: seconds."""
    from django.db import connection

    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        for q in queries:
            cursor.execute(q["sql"])
            cursor.fetchall() if cursor.description else None
    return time.perf_counter() - t0


BASE_SQL = {  # the page's main table, straight from the records (12 months, every market)
    "sales": "SELECT d.market, p.currency, p.product_id, count(*), sum(p.net_premium), "
    "sum(p.commission) FROM policies_policy p JOIN dealers_dealer d ON d.id = p.dealer_id "
    "WHERE p.sold_at >= %s GROUP BY 1, 2, 3",
    "penetration": "SELECT o.product_id, count(DISTINCT p.deal_id), count(*) FROM policies_offer o "
    "JOIN dealers_deal d ON d.id = o.deal_id LEFT JOIN policies_policy p ON "
    "p.deal_id = o.deal_id AND p.product_id = o.product_id WHERE d.deal_date >= %s "
    "GROUP BY 1",
    "cancellations": "SELECT product_id, currency, count(*), sum(refund) FROM policies_policy "
    "WHERE status = 'cancelled' AND cancelled_on >= %s GROUP BY 1, 2",
    "renewals": "SELECT product_id, count(*), count(*) FILTER (WHERE status = 'renewed') FROM "
    "policies_policy WHERE end_date >= %s GROUP BY 1",
    "claims": "SELECT p.product_id, count(*), sum(c.settled_amount) FROM claims_claim c JOIN "
    "policies_policy p ON p.id = c.policy_id WHERE c.notified_at >= %s GROUP BY 1",
    # in force at the period's start, premium, commission and claims paid since, by product
    "value": "WITH s AS (SELECT %s::date AS d) SELECT p.product_id, count(*) FILTER (WHERE "
    "p.start_date < s.d AND COALESCE(p.cancelled_on, p.ended_on, p.end_date) >= s.d), "
    "sum(p.net_premium) FILTER (WHERE p.sold_at >= s.d), sum(p.commission) FILTER (WHERE "
    "p.sold_at >= s.d), (SELECT sum(c.settled_amount) FROM claims_claim c JOIN policies_policy "
    "q ON q.id = c.policy_id WHERE q.product_id = p.product_id AND c.settled_on >= s.d) "
    "FROM policies_policy p, s GROUP BY p.product_id, s.d",
}


def time_base(page: str, since) -> float:
    from django.db import connection

    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(BASE_SQL[page], [since])
        cursor.fetchall()
    return time.perf_counter() - t0


def _timed(client, url: str) -> float:
    t0 = time.perf_counter()
    status = client.get(url).status_code
    elapsed = time.perf_counter() - t0
    if status != 200:  # not an assert: `python -O` would time error pages without a word
        raise RuntimeError(f"{url} answered {status}")
    return elapsed


def time_page(client, url: str) -> dict:
    """Rounds of (bare page, the page, its SQL replayed), the three of a round taken
    together so that a slower moment of the machine slows all three; the medians (ms), and
    the median of the rounds' own page / floor ratios."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        _timed(client, url), _timed(client, "/bench/bare-page")
    rounds = []
    for _ in range(ROUNDS):
        bare = _timed(client, "/bench/bare-page")
        with CaptureQueriesContext(connection) as captured:
            page = _timed(client, url)
        sql = replay(captured.captured_queries)
        rounds.append((page * 1000, sql * 1000, bare * 1000, page / (sql + bare)))
    page, sql, bare, ratio = (statistics.median(r[i] for r in rounds) for i in range(4))
    return {"page": page, "sql": sql, "bare": bare, "ratio": ratio, "queries": len(captured)}


def main() -> int:
    name = urlsplit(DATABASE_URL).path.lstrip("/")
    if not name.startswith("bench"):
        sys.exit(f"{DATABASE_URL} names {name!r}: the bench drops it, so it must start with bench")
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    b.DATABASE_URL = DATABASE_URL
    b.database_recreate(name)
    try:
        b.database_prepare()
        from django.db import connection
        from django.test import Client
        from django.utils import timezone

        from dashboards.filters import default_period
        from dashboards.refresh import dashboards_refresh

        t0 = time.perf_counter()
        dealers, sellers, readers = people()
        made = load_book(N, dealers, sellers)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"book: {made} in {time.perf_counter() - t0:.0f} s")
        refresh = dashboards_refresh()
        print(
            f"dashboards_refresh (every summary rebuilt from the records): {refresh.seconds:.1f} s"
        )
        since = timezone.make_aware(
            timezone.datetime.combine(default_period()[0], timezone.datetime.min.time())
        )
        return report(readers, since, Client)
    finally:
        from django.db import connections

        connections.close_all()
        b.database_recreate(name, create=False)


def report(readers, since, Client) -> int:
    """Each page beside its floor: its own SQL replayed raw plus the bare page (the fixed
    cost of a logged-in request and the layout), and the records aggregate."""
    print(
        f"\n{'page':<14} {'reader':<27} {'page':>6} {'SQL':>6} {'bare':>5} {'floor':>6} "
        f"{'x floor':>7} {'queries':>7} {'records':>8}  verdict   (ms)"
    )
    failed = 0
    for page in PAGES:
        on = since if page in ("sales", "claims") else since.date()  # timestamps or dates
        records = time_base(page, on) * 1000
        for label, user in readers.items():
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(user)
            t = time_page(client, f"/dashboards/{page}/")
            ok = t["page"] < 300 and t["ratio"] <= 2
            failed += not ok
            print(
                f"{page:<14} {label:<27} {t['page']:>6.1f} {t['sql']:>6.1f} {t['bare']:>5.1f} "
                f"{t['sql'] + t['bare']:>6.1f} {t['ratio']:>7.2f} {t['queries']:>7} "
                f"{records:>8.0f}  {'PASS' if ok else 'FAIL'}"
            )
    print(
        f"\ntarget: every page under 300 ms and within 2x of its floor: "
        f"{'met' if not failed else f'NOT met ({failed} pages)'}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
