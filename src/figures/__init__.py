"""figures: extract every numeric claim from news articles."""
