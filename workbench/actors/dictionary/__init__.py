"""The actor dictionary: entries and their case rules, the YAML and PETRARCH readers, and loading, merging and
writing dictionary files."""
