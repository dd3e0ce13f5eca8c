"""Date and number formats where Django ships none (Kazakh) or a foreign habit (English):
the program's users read day.month.year in every language."""
