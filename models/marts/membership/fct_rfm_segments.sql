-- RFM segments (RFM 客户分层) as of as_of_date: the buyers of the last rfm_window_days (365)
-- per segment of seeds/rfm_segments.csv (scores and rules: int_member_rfm), with their share of
-- buyers, average recency / frequency / monetary value and share of net sales. Every segment of
-- the seed is a row, with 0 buyers and NULL averages when empty (macro category_breakdown).
-- One row per RFM segment.

{{ category_breakdown(
    categories='select rfm_segment, rfm_segment_name_zh, priority as rfm_segment_priority from ' ~ ref('rfm_segments'),
    key='rfm_segment',
    entities=ref('int_member_rfm'),
    count_name='buyers',
    share_name='buyer_share',
    averages={'avg_recency_days': 'recency_days', 'avg_frequency': 'frequency', 'avg_monetary': 'monetary'},
    summed={'monetary': 'monetary_share'},
) }}
