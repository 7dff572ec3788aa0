"""Reads of the complaints register, scoped to what the user may see: staff their dealer's,
group managers their group's, head office every one."""

from datetime import date

from django.db.models import Q, QuerySet

from dealers.models import Customer, Role, User
from dealers.selectors import scoped, search_words

from .models import OPEN_STATUSES, Complaint

MANAGERS = (Role.SALES_MANAGER, Role.DEALER_PRINCIPAL)


def complaints_for(user: User) -> QuerySet[Complaint]:
    return scoped(Complaint.objects.select_related(
        "dealer", "customer", "policy__product", "claim", "product", "handler"), user)  # fmt: skip


def complaint_search(queryset: QuerySet[Complaint], text: str) -> QuerySet[Complaint]:
    return search_words(queryset, text, ("number", "customer__first_name", "customer__last_name",
                                          "customer__company_name", "customer__email",
                                          "policy__number", "claim__number"))  # fmt: skip


def overdue(queryset: QuerySet[Complaint], today: date) -> QuerySet[Complaint]:
    """Open complaints past a deadline: the final response, or an acknowledgement due."""
    late_ack = Q(acknowledged_on__isnull=True, acknowledge_by__lt=today)
    return queryset.filter(Q(respond_by__lt=today) | late_ack, status__in=OPEN_STATUSES)


def customer_complaints(customer: Customer) -> QuerySet[Complaint]:
    return (Complaint.objects.filter(customer=customer).select_related("policy__product")
            .prefetch_related("letters"))  # fmt: skip


def may_handle(user: User, complaint: Complaint) -> bool:
    """Managers in scope, head office and the complaint's own handler move it on."""
    return user.is_manager or complaint.handler_id == user.pk


def told_of(complaint: Complaint) -> list[User]:
    """Who the daily job warns: the handler and the dealer's managers (and group
    managers), with an email address."""
    people = (
        User.objects.filter(is_active=True)
        .exclude(email="")
        .filter(
            Q(pk=complaint.handler_id)
            | Q(dealer_id=complaint.dealer_id, role__in=MANAGERS)
            | Q(role=Role.GROUP_MANAGER, dealer_group_id=complaint.dealer.group_id)
        )
    )
    return list(people.order_by("pk"))


def head_office() -> list[User]:
    return list(User.objects.filter(is_active=True, role=Role.HEAD_OFFICE).exclude(email=""))
