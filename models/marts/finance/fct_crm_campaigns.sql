-- CRM reach (会员营销触达) per campaign, whole history; see macro crm_metrics.
{{ crm_metrics('campaign_id') }}
