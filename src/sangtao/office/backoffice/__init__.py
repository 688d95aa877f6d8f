"""Back office and applicant pages: inbox, portfolio, application page, search, e-filing form."""
