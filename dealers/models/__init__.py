"""The dealers app's models, one module a subject: what they share (base), the dealer
network (network), staff and their roles and API tokens (staff), customers (customers),
vehicles and deals (deals) and the workers' heartbeats (workers). Everything is
importable from `dealers.models`, as the migrations and the rest of the code expect."""

from .base import (
    MONEY,
    Brand,
    Currency,
    Language,
    Market,
    TimeStamped,
    Versioned,
    form_key_field,
)
from .customers import ON_THEIR_PAGE, Customer, CustomerKind, by_the_customer
from .deals import Deal, DealStatus, FinanceType, Vehicle, VehicleCondition, VehicleType
from .network import Dealer, DealerGroup
from .staff import DEALER_ROLES, MANAGER_ROLES, ApiToken, Role, StaffManager, User
from .workers import WorkerHeartbeat

__all__ = [
    "DEALER_ROLES",
    "MANAGER_ROLES",
    "MONEY",
    "ON_THEIR_PAGE",
    "ApiToken",
    "Brand",
    "Currency",
    "Customer",
    "CustomerKind",
    "Deal",
    "DealStatus",
    "Dealer",
    "DealerGroup",
    "FinanceType",
    "Language",
    "Market",
    "Role",
    "StaffManager",
    "TimeStamped",
    "User",
    "Vehicle",
    "VehicleCondition",
    "VehicleType",
    "Versioned",
    "WorkerHeartbeat",
    "by_the_customer",
    "form_key_field",
]
