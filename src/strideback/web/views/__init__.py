"""Dashboard pages, one module per page. Views call services and render: no clinical logic here."""
