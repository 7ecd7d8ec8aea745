"""Endpoints of the cycle apps: one module per app, each a few serializers and viewsets that
validate through the app's own forms and write through its own services."""
