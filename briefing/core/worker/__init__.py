"""The render worker process (``service``) and the pipe protocol both its ends speak
(``protocol``). The editor imports only the protocol; WeasyPrint loads in the worker."""
