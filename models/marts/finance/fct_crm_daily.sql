-- CRM reach (会员营销触达) per date day, all campaigns, by send date; see macro crm_metrics.
{{ crm_metrics('date_day') }}
