"""Routers, one module per URL area; see ``web/app.py`` for how they are included."""
