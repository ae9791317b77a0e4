from django import template

from plenaria.evaluation import charts

register = template.Library()


@register.simple_tag
def scale_chart(result, key):
    """The SVG bars of a scale question's result (charts.scale_chart)."""
    return charts.scale_chart(result, f"chart-{key}")
