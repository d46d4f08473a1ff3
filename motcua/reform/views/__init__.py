"""Staff pages of reform management (/cai-cach/) and the public list of meetings."""
