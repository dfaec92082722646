namespace MLCourse.Data;

/// <summary>One penguin of <c>penguins.json</c> (Palmer Station LTER, CC0); missing values stay <c>null</c>.</summary>
/// <param name="Species">Adelie, Chinstrap or Gentoo.</param>
/// <param name="Island">Biscoe, Dream or Torgersen.</param>
/// <param name="BeakLengthMm">Beak (culmen) length in mm.</param>
/// <param name="BeakDepthMm">Beak (culmen) depth in mm.</param>
/// <param name="FlipperLengthMm">Flipper length in mm.</param>
/// <param name="BodyMassG">Body mass in grams.</param>
/// <param name="Sex">MALE, FEMALE, or <c>null</c> where unknown.</param>
/// <remarks>Loaded by <see cref="Datasets.Penguins"/>; used from notebook day 05 on.</remarks>
public sealed record Penguin(
    string Species, string Island, double? BeakLengthMm, double? BeakDepthMm,
    double? FlipperLengthMm, double? BodyMassG, string? Sex);
