"""The clinic store: Athlete ▸ History… (the audit trail) and File ▸ Connect to clinic…"""
