"""The PySide6 desktop shell over ``vault``: widgets and Qt models only."""
