"""After the sale: cancellation, mid-term changes and their pages. Above claims (a claim
in the period means no refund; the pages list the period's claims), below documents."""
