{#-
    CRM reach (会员营销触达) of the shop's push / SMS / e-mail campaigns: the one definition
    behind fct_crm_campaigns (key_column = 'campaign_id': one row per campaign, whole history)
    and fct_crm_daily (key_column = 'date_day': one row per business date of the spine, all
    campaigns, touches by send date, spend by spend date).

    - Members, not touches, are counted: a member sent three touches is one member sent.
    - The funnel is monotone: a touch that was clicked was opened, one that was opened was
      delivered (an open or a click proves the delivery even when the receipt is missing), so
      delivered ≤ sent, opened ≤ delivered and clicked ≤ opened for every key.
    - Rates: crm_delivery_rate (触达率) = delivered / sent; crm_open_rate (打开率) = opened /
      delivered; crm_click_rate (点击率) = clicked / delivered (the e-mail industry's open and
      click rates: only a delivered message can be opened or clicked).
    - crm_spend: the spend booked on channel 'crm' for the key (campaign_id or spend_date);
      cost_per_reached_member (单人触达成本) = crm_spend / members_delivered.
-#}
{% macro crm_metrics(key_column) -%}
{%- if key_column not in ('campaign_id', 'date_day') -%}
    {{ exceptions.raise_compiler_error("crm_metrics: key_column must be campaign_id or date_day, got " ~ key_column) }}
{%- endif %}

with
{%- if key_column == 'date_day' %}

dates as (
    select date_day from {{ ref('int_dates') }}
),
{%- endif %}

touches as (
    select
        {%- if key_column == 'date_day' %}
        dates.date_day,
        {%- else %}
        touches.campaign_id,
        {%- endif %}
        touches.sent_date,
        touches.member_key,
        touches.clicked_at is not null as is_clicked,
        touches.clicked_at is not null or touches.opened_at is not null as is_opened,
        touches.clicked_at is not null
        or touches.opened_at is not null
        or touches.delivered_at is not null as is_delivered
    from {{ ref('stg_shop__campaign_touches') }} as touches
    {%- if key_column == 'date_day' %}
    inner join dates on touches.sent_date = dates.date_day
    {%- endif %}
),

crm_spend as (
    select
        {%- if key_column == 'date_day' %}
        dates.date_day,
        {%- else %}
        marketing_spend.campaign_id,
        {%- endif %}
        sum(marketing_spend.spend) as crm_spend
    from {{ ref('stg_shop__marketing_spend') }} as marketing_spend
    {%- if key_column == 'date_day' %}
    inner join dates on marketing_spend.spend_date = dates.date_day
    {%- endif %}
    where marketing_spend.channel = 'crm'
    group by {{ key_column }}
),

aggregated as (
    select
        {{ key_column }},
        min(sent_date) as first_sent_date,
        max(sent_date) as last_sent_date,
        count(*) as touches_sent,
        count(distinct member_key) as members_sent,
        count(distinct case when is_delivered then member_key end) as members_delivered,
        count(distinct case when is_opened then member_key end) as members_opened,
        count(distinct case when is_clicked then member_key end) as members_clicked
    from touches
    group by {{ key_column }}
),

keys as (
    {%- if key_column == 'date_day' %}
    select date_day from dates
    {%- else %}
    -- every campaign that sent a touch or booked CRM spend
    select campaign_id from aggregated
    union
    select campaign_id from crm_spend
    {%- endif %}
),

final as (
    select
        keys.{{ key_column }},
        {%- if key_column == 'campaign_id' %}
        aggregated.first_sent_date,
        aggregated.last_sent_date,
        {%- endif %}
        coalesce(aggregated.touches_sent, 0) as touches_sent,
        coalesce(aggregated.members_sent, 0) as members_sent,
        coalesce(aggregated.members_delivered, 0) as members_delivered,
        coalesce(aggregated.members_opened, 0) as members_opened,
        coalesce(aggregated.members_clicked, 0) as members_clicked,
        {{ safe_divide('aggregated.members_delivered', 'aggregated.members_sent') }} as crm_delivery_rate,
        {{ safe_divide('aggregated.members_opened', 'aggregated.members_delivered') }} as crm_open_rate,
        {{ safe_divide('aggregated.members_clicked', 'aggregated.members_delivered') }} as crm_click_rate,
        coalesce(crm_spend.crm_spend, 0) as crm_spend,
        {{ safe_divide('crm_spend.crm_spend', 'aggregated.members_delivered') }} as cost_per_reached_member
    from keys
    left join aggregated on keys.{{ key_column }} = aggregated.{{ key_column }}
    left join crm_spend on keys.{{ key_column }} = crm_spend.{{ key_column }}
)

select * from final

{%- endmacro %}
