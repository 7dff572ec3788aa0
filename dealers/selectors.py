"""Reads, scoped to what a user may see. Tenancy is enforced here and only here:

- head office: every dealer;
- a group manager: the dealers of their group;
- everyone else (sales executive, business manager, sales manager, dealer principal):
  their own dealer.

Every list and detail view, API and report starts from one of these QuerySets, so an
object of another dealer is simply not found (a 404), never "forbidden".
"""

from django.db.models import Q, QuerySet

from .models import Customer, Deal, Dealer, Role, User, Vehicle


def dealer_filter(user: User, field: str = "dealer") -> Q:
    """The Q object that limits a model with a dealer foreign key (at `field`) to `user`."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if user.role == Role.HEAD_OFFICE:
        return Q()
    prefix = f"{field}__" if field else ""
    if user.role == Role.GROUP_MANAGER:
        return Q(**{f"{prefix}group_id": user.dealer_group_id})
    if not user.dealer_id:
        return Q(pk__in=[])
    return Q(**{f"{field}_id" if field else "pk": user.dealer_id})


def scoped(queryset: QuerySet, user: User, field: str = "dealer") -> QuerySet:
    return queryset.filter(dealer_filter(user, field))


def dealers_for(user: User) -> QuerySet[Dealer]:
    return scoped(Dealer.objects.select_related("group"), user, field="")


def staff_for(user: User) -> QuerySet[User]:
    return scoped(User.objects.filter(is_active=True), user).order_by("first_name", "last_name")


def sellers_for(user: User) -> QuerySet[User]:
    """Staff who can be named as the seller on a deal."""
    return staff_for(user).exclude(role__in=[Role.HEAD_OFFICE, Role.GROUP_MANAGER])


def customers_for(user: User) -> QuerySet[Customer]:
    return scoped(Customer.objects.select_related("dealer"), user)


def vehicles_for(user: User) -> QuerySet[Vehicle]:
    return scoped(Vehicle.objects.select_related("dealer", "customer"), user)


def deals_for(user: User) -> QuerySet[Deal]:
    return scoped(Deal.objects.select_related("dealer", "customer", "vehicle", "salesperson"), user)


CUSTOMER_SEARCH_FIELDS = (
    "first_name",
    "last_name",
    "company_name",
    "email",
    "phone",
    "postcode",
    "codice_fiscale",
    "partita_iva",
)
DEAL_SEARCH_FIELDS = (
    "customer__first_name",
    "customer__last_name",
    "customer__company_name",
    "vehicle__registration",
    "vehicle__vin",
    "vehicle__model",
    "reference",
)


def search_words(queryset: QuerySet, text: str, fields: tuple[str, ...]) -> QuerySet:
    """Rows where every word of `text` is found (case-insensitive) in one of `fields`."""
    q = Q()
    for word in text.split():
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        q &= any_field
    return queryset.filter(q)


def customer_search(queryset: QuerySet[Customer], text: str) -> QuerySet[Customer]:
    return search_words(queryset, text, CUSTOMER_SEARCH_FIELDS)


def deal_search(queryset: QuerySet[Deal], text: str) -> QuerySet[Deal]:
    return search_words(queryset, text, DEAL_SEARCH_FIELDS)


def home_summary(user: User, today) -> dict:
    """Figures for the home page, in a constant number of queries whatever the data size."""
    from django.db.models import Count

    month_start = today.replace(day=1)
    deals = deals_for(user)
    month = deals.filter(deal_date__gte=month_start, deal_date__lte=today)
    summary = {
        "customers": customers_for(user).count(),
        "deals_this_month": month.count(),
        "my_deals_this_month": month.filter(salesperson=user).count(),
        "recent_deals": list(deals[:8]),
    }
    if user.is_manager:
        summary["by_seller"] = list(
            month.values("salesperson__first_name", "salesperson__last_name", "dealer__name")
            .annotate(deals=Count("id"))
            .order_by("-deals", "salesperson__last_name")[:15]
        )
    if user.role in (Role.HEAD_OFFICE, Role.GROUP_MANAGER):
        summary["by_dealer"] = list(
            month.values("dealer__name", "dealer__market")
            .annotate(deals=Count("id"))
            .order_by("dealer__market", "-deals")
        )
    return summary
