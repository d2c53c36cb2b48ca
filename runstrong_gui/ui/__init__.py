"""Qt widgets, item models, delegates and dialogs. Widgets hold no state of record."""
