"""Reading figures: sentences, words and every quantity of a text, with its qualifier, scale, unit and scope."""
