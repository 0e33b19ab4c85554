using Platform.Core.Data;

namespace Quiz.Questions;

/// <summary>Where a question is in its life: drafts are never drawn, retired ones no longer.</summary>
public enum QuestionState
{
    /// <summary>Being written.</summary>
    Draft,

    /// <summary>In the bank: drawn into attempts.</summary>
    Active,

    /// <summary>Out of the bank; attempts that drew it keep it.</summary>
    Retired,
}

/// <summary>A question of the bank. Its text, options and key live in versions; attempts keep the version they drew.</summary>
public sealed class Question : ITenantOwned
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;

    /// <summary>Organisers' code, unique per tenant (for example <c>CDS-001</c>).</summary>
    public string Code { get; set; } = string.Empty;

    /// <summary>Topic (content area) used by draw quotas.</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>1 (easy) to 3 (hard).</summary>
    public int Difficulty { get; set; } = 1;

    /// <summary>Lifecycle state.</summary>
    public QuestionState State { get; set; }

    /// <summary>The version drawn from now on.</summary>
    public long CurrentVersionId { get; set; }

    /// <summary>Number of the current version, from 1.</summary>
    public int CurrentVersion { get; set; }

    /// <summary>When it last changed (UTC).</summary>
    public DateTime UpdatedAt { get; set; }
}

/// <summary>One version of a question's text, options and key. Never changed once an attempt may hold it.</summary>
public sealed class QuestionVersion : ITenantOwned
{
    /// <summary>Row id, referenced by attempts.</summary>
    public long Id { get; set; }

    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The question.</summary>
    public long QuestionId { get; set; }

    /// <summary>Version number, from 1.</summary>
    public int Number { get; set; }

    /// <summary>Question text.</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>2 to 6 options, in the author's order (A, B, C, ...).</summary>
    public List<string> Options { get; set; } = [];

    /// <summary>Index of the correct option in <see cref="Options"/>; never sent before an attempt is final.</summary>
    public int CorrectIndex { get; set; }

    /// <summary>Source reference (document, article) a reviewer can check.</summary>
    public string Source { get; set; } = string.Empty;

    /// <summary>Why the answer is right.</summary>
    public string? Explanation { get; set; }

    /// <summary>When it was written (UTC).</summary>
    public DateTime CreatedAt { get; set; }
}
