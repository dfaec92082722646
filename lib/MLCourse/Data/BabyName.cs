namespace MLCourse.Data;

/// <summary>
/// A first name given to US babies 1880–2024, with how many girls and boys got it (US Social
/// Security card applications, summed over the years).
/// </summary>
/// <param name="Name">The name in lower case letters a–z, e.g. "james".</param>
/// <param name="FemaleCount">Girls given the name, 1880–2024.</param>
/// <param name="MaleCount">Boys given the name, 1880–2024.</param>
/// <remarks>
/// Loaded by <see cref="Datasets.BabyNames"/>; a character-level language model's training words and
/// a name → sex classification target for the sequence days. 8,724 of the 29,669 names were given
/// to both sexes: <see cref="Sex"/> is the majority, and <see cref="FemaleShare"/> keeps the whole picture.
/// </remarks>
public sealed record BabyName(string Name, int FemaleCount, int MaleCount)
{
    /// <summary>Babies given the name, both sexes.</summary>
    public int Count => FemaleCount + MaleCount;

    /// <summary>
    /// 'F' when more girls than boys got the name, else 'M' (no name in the file is a tie; a tie
    /// would read as 'F').
    /// </summary>
    public char Sex => FemaleCount >= MaleCount ? 'F' : 'M';

    /// <summary>The fraction of the babies given the name who were girls, in [0, 1].</summary>
    public double FemaleShare => (double)FemaleCount / Count;
}
