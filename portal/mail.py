"""An email to a customer from their page's actions: `emails/<name>_subject.txt`,
`<name>.txt` and `<name>.html`, in their dealer's language, replying to the dealer, with
the link to their page in the context."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from dealers.customer_links import customer_link_url


def customer_email_send(customer, name: str, to: str = "", **context) -> None:
    """To the customer's address on record, or to `to`."""
    dealer = customer.dealer
    # A link opens the customer's page: never in a mail to an address not on the record.
    link = customer_link_url(customer) if not to or to == customer.email else ""
    context |= {"customer": customer, "dealer": dealer, "language": dealer.language,
                "link": link}  # fmt: skip
    with translation.override(dealer.language):
        subject = render_to_string(f"emails/{name}_subject.txt", context).strip()
        text = render_to_string(f"emails/{name}.txt", context)
        html = render_to_string(f"emails/{name}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to or customer.email],
                                     reply_to=[dealer.email] if dealer.email else None)  # fmt: skip
    message.attach_alternative(html, "text/html")
    message.send()
