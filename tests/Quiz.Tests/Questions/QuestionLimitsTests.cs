using Microsoft.EntityFrameworkCore;
using Platform.Core.Tenancy;
using Quiz.Data;
using Quiz.Questions;
using Quiz.Units;

namespace Quiz.Tests.Questions;

/// <summary>The import checks lengths with its own constants; they must be the database's.</summary>
public sealed class QuestionLimitsTests
{
    [Theory]
    [InlineData(typeof(Question), nameof(Question.Code), QuestionLimits.Code)]
    [InlineData(typeof(Question), nameof(Question.Topic), QuestionLimits.Topic)]
    [InlineData(typeof(QuestionVersion), nameof(QuestionVersion.Text), QuestionLimits.Text)]
    [InlineData(typeof(QuestionVersion), nameof(QuestionVersion.Source), QuestionLimits.Source)]
    [InlineData(typeof(QuestionVersion), nameof(QuestionVersion.Explanation), QuestionLimits.Explanation)]
    [InlineData(typeof(Unit), nameof(Unit.Code), UnitLimits.Code)]
    [InlineData(typeof(Unit), nameof(Unit.Name), UnitLimits.Name)]
    [InlineData(typeof(Unit), nameof(Unit.ParentCode), UnitLimits.ParentCode)]
    [InlineData(typeof(Unit), nameof(Unit.Block), UnitLimits.Block)]
    public void Limit_EqualsTheColumnSize(Type entity, string property, int limit)
    {
        var options = new DbContextOptionsBuilder<SqliteQuizDbContext>().UseSqlite("Data Source=:memory:").Options;
        using var db = new SqliteQuizDbContext(options) { TenantScope = TenantContext.Host() };

        var maxLength = db.Model.FindEntityType(entity)!.FindProperty(property)!.GetMaxLength();

        Assert.Equal(limit, maxLength);
    }
}
