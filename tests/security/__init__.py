"""Security: authorisation, CSRF, headers, hostile input."""
