"""Qt widgets, item models and dialogs: the shell (``ui.shell``) and one package per
feature, which meet only in the shell. Widgets hold no state of record."""
