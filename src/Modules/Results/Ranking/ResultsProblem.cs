namespace Results.Ranking;

/// <summary>Why a results action cannot be done, in Vietnamese for organisers; <see cref="Code"/> is the contract's problem code.</summary>
public sealed class ResultsProblemException(string code, string message) : Exception(message)
{
    /// <summary>Problem code: <c>not-found</c> or <c>validation</c>.</summary>
    public string Code { get; } = code;

    internal static ResultsProblemException NotFound(string message) => new("not-found", message);

    internal static ResultsProblemException Invalid(string message) => new("validation", message);
}
