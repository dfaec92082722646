namespace MLCourse.Data;

/// <summary>One day of <c>seattle-weather.csv</c> (NOAA, Seattle, 2012–2015, metric units).</summary>
/// <param name="Date">The day of the observation.</param>
/// <param name="Precipitation">Precipitation in millimetres.</param>
/// <param name="TempMax">Maximum temperature in °C.</param>
/// <param name="TempMin">Minimum temperature in °C.</param>
/// <param name="Wind">Average wind speed, as the source gives it (vega-datasets documents km/h).</param>
/// <param name="Weather">Category: drizzle, rain, snow, sun or fog.</param>
/// <remarks>Introduced in notebook day 01 (batch vs online learning).</remarks>
public sealed record WeatherDay(DateOnly Date, double Precipitation,
    double TempMax, double TempMin, double Wind, string Weather);
