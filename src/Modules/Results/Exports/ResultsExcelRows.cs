using MiniExcelLibs.Attributes;

namespace Results.Exports;

// The rows of the exported sheets. MiniExcel writes one column per property, in declaration order, headed by the
// column name; numbers stay numbers (organisers sort and sum them), text goes through ExcelCells.Text.

/// <summary>Number formats of the exported cells (Excel format codes, not .NET ones).</summary>
internal static class ExcelFormats
{
    /// <summary>Seconds with their milliseconds, for example 754.321.</summary>
    public const string Seconds = "0.000";

    /// <summary>A local date and time to the millisecond: the submission time is a tie-break.</summary>
    public const string DateTimeMs = "dd/mm/yyyy hh:mm:ss.000";

    /// <summary>A date, Vietnamese order.</summary>
    public const string Date = "dd/mm/yyyy";

    /// <summary>An amount in đồng with thousands separators.</summary>
    public const string Money = "#,##0";

    /// <summary>Two decimals.</summary>
    public const string TwoDecimals = "0.00";
}

/// <summary>One line of the full results: one ranked entry.</summary>
internal sealed class FullResultRow
{
    [ExcelColumn(Name = "Nhóm", Width = 10)]
    public string? Group { get; init; }

    [ExcelColumn(Name = "Hạng", Width = 8)]
    public int Rank { get; init; }

    [ExcelColumn(Name = "Họ và tên", Width = 28)]
    public string? Name { get; init; }

    [ExcelColumn(Name = "Đơn vị", Width = 36)]
    public string? Unit { get; init; }

    [ExcelColumn(Name = "Điểm", Width = 8)]
    public int Score { get; init; }

    [ExcelColumn(Name = "Số câu đúng", Width = 12)]
    public int CorrectCount { get; init; }

    [ExcelColumn(Name = "Thời gian làm bài (giây)", Width = 14, Format = ExcelFormats.Seconds)]
    public decimal Seconds { get; init; }

    [ExcelColumn(Name = "Dự đoán", Width = 12)]
    public long? Prediction { get; init; }

    [ExcelColumn(Name = "Độ lệch", Width = 12)]
    public long? Distance { get; init; }

    [ExcelColumn(Name = "Nộp lúc", Width = 24, Format = ExcelFormats.DateTimeMs)]
    public DateTime SubmittedAt { get; init; }

    [ExcelColumn(Name = "Giải", Width = 16)]
    public string? Prize { get; init; }

    [ExcelColumn(Name = "Mã bài thi", Width = 38)]
    public string? AttemptId { get; init; }
}

/// <summary>One prize winner, with contact details when the organiser asked for them.</summary>
internal sealed class WinnerRow
{
    /// <summary>The properties that hold personal data: left out of the sheet unless contacts are asked for.</summary>
    public static readonly IReadOnlyList<string> ContactColumns =
        [nameof(DateOfBirth), nameof(CitizenId), nameof(Phone), nameof(Email)];

    [ExcelColumn(Name = "Nhóm", Width = 10)]
    public string? Group { get; init; }

    [ExcelColumn(Name = "Hạng", Width = 8)]
    public int Rank { get; init; }

    [ExcelColumn(Name = "Giải", Width = 16)]
    public string? Prize { get; init; }

    [ExcelColumn(Name = "Giá trị giải (đồng)", Width = 16, Format = ExcelFormats.Money)]
    public long PrizeValue { get; init; }

    [ExcelColumn(Name = "Họ và tên", Width = 28)]
    public string? Name { get; init; }

    [ExcelColumn(Name = "Đơn vị", Width = 36)]
    public string? Unit { get; init; }

    [ExcelColumn(Name = "Điểm", Width = 8)]
    public int Score { get; init; }

    [ExcelColumn(Name = "Số câu đúng", Width = 12)]
    public int CorrectCount { get; init; }

    [ExcelColumn(Name = "Thời gian làm bài (giây)", Width = 14, Format = ExcelFormats.Seconds)]
    public decimal Seconds { get; init; }

    [ExcelColumn(Name = "Mã bài thi", Width = 38)]
    public string? AttemptId { get; init; }

    [ExcelColumn(Name = "Ngày sinh", Width = 12, Format = ExcelFormats.Date)]
    public DateTime? DateOfBirth { get; init; }

    // Text, not numbers: citizen ids and phone numbers start with 0.
    [ExcelColumn(Name = "Số CCCD", Width = 16)]
    public string? CitizenId { get; init; }

    [ExcelColumn(Name = "Số điện thoại", Width = 14)]
    public string? Phone { get; init; }

    [ExcelColumn(Name = "Email", Width = 28)]
    public string? Email { get; init; }
}

/// <summary>One unit's line of the unit ranking.</summary>
internal sealed class UnitStandingRow
{
    [ExcelColumn(Name = "Khối", Width = 16)]
    public string? Block { get; init; }

    /// <summary>Empty when the unit is listed unranked (its metric cannot be computed).</summary>
    [ExcelColumn(Name = "Hạng", Width = 8)]
    public int? Rank { get; init; }

    [ExcelColumn(Name = "Đơn vị", Width = 36)]
    public string? Unit { get; init; }

    [ExcelColumn(Name = "Số người tham gia", Width = 14)]
    public int Participants { get; init; }

    [ExcelColumn(Name = "Số lượt thi", Width = 12)]
    public int Entries { get; init; }

    [ExcelColumn(Name = "Biên chế", Width = 10)]
    public int? Headcount { get; init; }

    /// <summary>Participants per hundred of headcount; empty without a headcount.</summary>
    [ExcelColumn(Name = "Tỷ lệ tham gia (%)", Width = 14, Format = ExcelFormats.TwoDecimals)]
    public double? ParticipationPercent { get; init; }

    [ExcelColumn(Name = "Điểm trung bình", Width = 14, Format = ExcelFormats.TwoDecimals)]
    public double AverageScore { get; init; }

    [ExcelColumn(Name = "Giải", Width = 16)]
    public string? Prize { get; init; }
}
