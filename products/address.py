"""A customer's address as a product reads it (issue 20): the answers an address sets
are product knowledge (motor's rating area from the postcode, Italy's province,
Australia's state), asked through `ProductDefinition.address_answers`."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Address:
    line1: str
    line2: str
    city: str
    region: str  # Italy: the province code (RM); Australia: the state (NSW); UK: a county
    postcode: str  # as the customer's record keeps it (a UK postcode with its space)


class AddressNotRated(ValueError):
    """The product cannot work out a premium for this address (a postcode its rating
    areas do not cover): nothing is changed."""
