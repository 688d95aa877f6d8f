"""Filing: applications of every object type, received online or through the API."""
