using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Infrastructure;
using Quiz.Attempts;
using Quiz.Data;

namespace Platform.IntegrationTests.Attempts;

/// <summary>The contestant's whole flow through the JSON API, and the rules nobody may game.</summary>
public abstract class AttemptFlowTests<TFixture>(TFixture fixture) where TFixture : PlatformFixture
{
    [Fact]
    public async Task Contestant_RegistersStartsAnswersAndSubmits_GetsTheServersScore()
    {
        var quiz = await QuizAsync(questions: 12);
        var contest = await quiz.AddContestAsync();
        var client = await quiz.RegisteredClientAsync();

        var start = await client.PostAsJsonAsync($"{quiz.Base}/api/v1/contests/{contest.Slug}/attempts", new { });
        var started = await start.Content.ReadFromJsonAsync<JsonElement>();
        var attemptId = started.GetProperty("attemptId").GetGuid();
        var key = await quiz.KeyAsync(attemptId);
        var questions = started.GetProperty("questions").EnumerateArray().ToList();
        for (var i = 0; i < questions.Count; i++)
        {
            var id = questions[i].GetProperty("id").GetString()!;
            var wrong = questions[i].GetProperty("options").EnumerateArray().Select(o => o.GetProperty("id").GetString()!).First(o => o != key[id]);
            var answer = await client.PutAsJsonAsync($"{quiz.Base}/api/v1/attempts/{attemptId}/answers/{id}", new { optionId = i < 7 ? key[id] : wrong });
            Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        }

        var resumed = await client.GetFromJsonAsync<JsonElement>($"{quiz.Base}/api/v1/attempts/{attemptId}");
        var submit = await client.PostAsJsonAsync($"{quiz.Base}/api/v1/attempts/{attemptId}/submit", new { prediction = 1234 });
        var result = await submit.Content.ReadFromJsonAsync<JsonElement>();
        var again = await (await client.PostAsJsonAsync($"{quiz.Base}/api/v1/attempts/{attemptId}/submit", new { prediction = 1 })).Content.ReadFromJsonAsync<JsonElement>();
        var mine = await client.GetFromJsonAsync<JsonElement>($"{quiz.Base}/api/v1/me/attempts");

        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        Assert.Equal(10, questions.Count);
        Assert.EndsWith("+07:00", started.GetProperty("deadline").GetString(), StringComparison.Ordinal);
        Assert.Equal("Có bao nhiêu bài thi trả lời đúng tất cả các câu?", started.GetProperty("prediction").GetProperty("prompt").GetString());
        Assert.Equal(10, resumed.GetProperty("answers").EnumerateObject().Count());
        Assert.Equal("inProgress", resumed.GetProperty("state").GetString());
        Assert.InRange(resumed.GetProperty("remainingSeconds").GetInt32(), 1100, 1200);
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        Assert.Equal(7, result.GetProperty("correctCount").GetInt32());
        Assert.Equal(10, result.GetProperty("questionCount").GetInt32());
        Assert.Equal(7, result.GetProperty("score").GetInt32());
        Assert.Equal(result.ToString(), again.ToString()); // idempotent
        Assert.Equal("submitted", mine[0].GetProperty("state").GetString());
        Assert.Equal(1234, await PredictionAsync(quiz, attemptId));
    }

    [Fact]
    public async Task BacKanSample_PracticeContestIsOpenToday_AndCanBeTakenWithItsUnitsAndBank()
    {
        var tenant = await fixture.CreateTenantAsync(recipe: PlatformFixture.SampleRecipe);
        var quiz = new QuizData(fixture, tenant);
        var units = await fixture.CreateClient().GetFromJsonAsync<JsonElement>($"{quiz.Base}/api/v1/units");
        var contests = await fixture.CreateClient().GetFromJsonAsync<JsonElement>($"{quiz.Base}/api/v1/contests");
        var client = fixture.CreateClient();
        var register = await client.PostAsJsonAsync($"{quiz.Base}/api/v1/account/register", new
        {
            fullName = "Hoàng Thị Mai", dateOfBirth = "1995-03-08", citizenId = "006195000123", phone = "0987000123",
            groupCode = "N2", unitCode = units.EnumerateArray().First(u => u.GetProperty("parentCode").ValueKind == JsonValueKind.String).GetProperty("code").GetString(),
            password = QuizData.Password, consent = true,
        });

        var start = await client.PostAsJsonAsync($"{quiz.Base}/api/v1/contests/thi-thu/attempts", new { });
        var closed = await client.PostAsJsonAsync($"{quiz.Base}/api/v1/contests/chuyen-doi-so-2023/attempts", new { });

        Assert.True(units.GetArrayLength() > 100); // 8 district-level units, departments and their communes
        Assert.Equal(["closed", "open"], contests.EnumerateArray().Select(c => c.GetProperty("state").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        Assert.Equal(10, (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("questions").GetArrayLength());
        Assert.EndsWith("contest-not-open", (await closed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WhenAnAttemptIsInProgress_ResumesIt()
    {
        var quiz = await QuizAsync(questions: 10);
        var contest = await quiz.AddContestAsync(c => c.AttemptsAllowed = 3);
        var client = await quiz.RegisteredClientAsync();

        var first = await client.PostAsJsonAsync($"{quiz.Base}/api/v1/contests/{contest.Slug}/attempts", new { });
        var second = await client.PostAsJsonAsync($"{quiz.Base}/api/v1/contests/{contest.Slug}/attempts", new { });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(
            (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attemptId").GetGuid(),
            (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attemptId").GetGuid());
    }

    [Fact]
    public async Task FiftyParallelStarts_ForOneAllowedAttempt_CreateExactlyOne()
    {
        var quiz = await QuizAsync(questions: 10);
        var contest = await quiz.AddContestAsync(c => c.AttemptsAllowed = 1);
        var client = await quiz.RegisteredClientAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.PostAsJsonAsync($"{quiz.Base}/api/v1/contests/{contest.Slug}/attempts", new { })));
        var ids = new HashSet<Guid>();
        foreach (var response in responses.Where(r => r.IsSuccessStatusCode))
        {
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attemptId").GetGuid());
        }

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, $"{(int)r.StatusCode}"));
        Assert.Single(ids);
        Assert.Equal(1, await AttemptCountAsync(quiz, contest.Id));
    }

    [Fact]
    public async Task FiftyParallelSubmits_ScoreOnce()
    {
        var quiz = await QuizAsync(questions: 10);
        var contest = await quiz.AddContestAsync();
        var client = await quiz.RegisteredClientAsync();
        var attemptId = await StartAsync(client, quiz, contest.Slug);
        var key = await quiz.KeyAsync(attemptId);
        foreach (var (question, option) in key.Take(4))
        {
            await client.PutAsJsonAsync($"{quiz.Base}/api/v1/attempts/{attemptId}/answers/{question}", new { optionId = option });
        }

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => client.PostAsJsonAsync($"{quiz.Base}/api/v1/attempts/{attemptId}/submit", new { prediction = i })));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(bodies.Distinct());
        Assert.Equal(4, JsonDocument.Parse(bodies[0]).RootElement.GetProperty("correctCount").GetInt32());
        var again = await client.PostAsJsonAsync($"{quiz.Base}/api/v1/contests/{contest.Slug}/attempts", new { });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.EndsWith("no-attempts-left", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAfterTheDeadline_IsRefused_AndOneSavedBeforeItIsKept()
    {
        var quiz = await QuizAsync(questions: 10);
        var contest = await quiz.AddContestAsync();
        var client = await quiz.RegisteredClientAsync();
        var attemptId = await StartAsync(client, quiz, contest.Slug);
        var key = await quiz.KeyAsync(attemptId).ContinueWith(t => t.Result.ToList());

        var before = await client.PutAsJsonAsync($"{quiz.Base}/api/v1/attempts/{attemptId}/answers/{key[0].Key}", new { optionId = key[0].Value });
        await quiz.SetDeadlineAsync(attemptId, DateTime.UtcNow.AddSeconds(-1));
        var after = await client.PutAsJsonAsync($"{quiz.Base}/api/v1/attempts/{attemptId}/answers/{key[1].Key}", new { optionId = key[1].Value });
        var submit = await client.PostAsJsonAsync($"{quiz.Base}/api/v1/attempts/{attemptId}/submit", new { }); // within the 30 s grace

        Assert.Equal(HttpStatusCode.NoContent, before.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, after.StatusCode);
        Assert.EndsWith("attempt-closed", (await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        Assert.Equal(1, (await submit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("correctCount").GetInt32());
    }

    [Fact]
    public async Task SubmitAfterTheGrace_IsRefused_AndTheAttemptIsFinalizedWithTheSavedAnswers()
    {
        var quiz = await QuizAsync(questions: 10);
        var contest = await quiz.AddContestAsync();
        var client = await quiz.RegisteredClientAsync();
        var attemptId = await StartAsync(client, quiz, contest.Slug);
        var (question, option) = (await quiz.KeyAsync(attemptId)).First();
        await client.PutAsJsonAsync($"{quiz.Base}/api/v1/attempts/{attemptId}/answers/{question}", new { optionId = option });
        await quiz.SetDeadlineAsync(attemptId, DateTime.UtcNow.AddSeconds(-31));

        var submit = await client.PostAsJsonAsync($"{quiz.Base}/api/v1/attempts/{attemptId}/submit", new { prediction = 5 });
        var attempt = await client.GetFromJsonAsync<JsonElement>($"{quiz.Base}/api/v1/attempts/{attemptId}");

        Assert.Equal(HttpStatusCode.Conflict, submit.StatusCode);
        Assert.Equal("expired", attempt.GetProperty("state").GetString());
        Assert.Equal(1, attempt.GetProperty("result").GetProperty("correctCount").GetInt32());
        Assert.Null(await PredictionAsync(quiz, attemptId));
    }

    [Fact]
    public async Task Sweeper_FinalizesAnAbandonedAttempt()
    {
        var quiz = await QuizAsync(questions: 10);
        var contest = await quiz.AddContestAsync();
        var client = await quiz.RegisteredClientAsync();
        var attemptId = await StartAsync(client, quiz, contest.Slug);
        var (question, option) = (await quiz.KeyAsync(attemptId)).First();
        await client.PutAsJsonAsync($"{quiz.Base}/api/v1/attempts/{attemptId}/answers/{question}", new { optionId = option });
        await quiz.SetDeadlineAsync(attemptId, DateTime.UtcNow.AddMinutes(-5));

        var swept = await fixture.Services.GetRequiredService<AttemptSweeper>().SweepAsync(quiz.Tenant, CancellationToken.None);

        await using var scope = fixture.Scope(quiz.Tenant);
        var attempt = await scope.ServiceProvider.GetRequiredService<QuizDbContext>().Attempts.SingleAsync(a => a.Id == attemptId);
        Assert.Equal(1, swept);
        Assert.Equal(AttemptState.Expired, attempt.State);
        Assert.Equal(1, attempt.CorrectCount);
        Assert.Equal(1200_000, attempt.DurationMs);
    }

    [Fact]
    public async Task NothingSentBeforeTheAttemptIsFinal_RevealsTheKey()
    {
        var quiz = await QuizAsync(questions: 20);
        var contest = await quiz.AddContestAsync(c => c.QuestionsPerAttempt = 20);
        var client = await quiz.RegisteredClientAsync();
        var bodies = new List<string>();
        var start = await client.PostAsJsonAsync($"{quiz.Base}/api/v1/contests/{contest.Slug}/attempts", new { });
        bodies.Add(await start.Content.ReadAsStringAsync());
        var attemptId = JsonDocument.Parse(bodies[0]).RootElement.GetProperty("attemptId").GetGuid();
        var started = JsonDocument.Parse(bodies[0]).RootElement;
        foreach (var question in started.GetProperty("questions").EnumerateArray().Take(5))
        {
            var put = await client.PutAsJsonAsync($"{quiz.Base}/api/v1/attempts/{attemptId}/answers/{question.GetProperty("id").GetString()}", new { optionId = question.GetProperty("options")[0].GetProperty("id").GetString() });
            bodies.Add(await put.Content.ReadAsStringAsync());
        }

        bodies.Add(await client.GetStringAsync($"{quiz.Base}/api/v1/attempts/{attemptId}"));
        bodies.Add(await client.GetStringAsync($"{quiz.Base}/api/v1/me/attempts"));
        bodies.Add(await client.GetStringAsync($"{quiz.Base}/api/v1/contests"));
        var key = await quiz.KeyAsync(attemptId);

        // Every option carries exactly an opaque id and its text; nothing per option or question tells more.
        foreach (var body in bodies.Where(b => b.Length > 0))
        {
            Assert.DoesNotContain("correct", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("explanation", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("\"review\":[", body, StringComparison.Ordinal);
            foreach (var question in FindQuestions(JsonDocument.Parse(body).RootElement))
            {
                Assert.Equal(["id", "options", "text"], question.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
                foreach (var option in question.GetProperty("options").EnumerateArray())
                {
                    Assert.Equal(["id", "text"], option.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
                }
            }
        }

        // The right option is not where it is in the bank (index i % 4): options are shuffled per attempt.
        var positions = started.GetProperty("questions").EnumerateArray()
            .Select(q => q.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("id").GetString()).ToList().IndexOf(key[q.GetProperty("id").GetString()!]))
            .ToList();
        Assert.True(positions.Distinct().Count() > 1);
        Assert.Equal(20 * 5, key.Keys.Concat(key.Values).Distinct().Count() * 5 / 2); // 20 question ids + 20 key ids, all different
    }

    [Fact]
    public async Task OtherContestant_CannotReadOrAnswerMyAttempt()
    {
        var quiz = await QuizAsync(questions: 10);
        var contest = await quiz.AddContestAsync();
        var mine = await quiz.RegisteredClientAsync();
        var theirs = await quiz.RegisteredClientAsync();
        var attemptId = await StartAsync(mine, quiz, contest.Slug);
        var (question, option) = (await quiz.KeyAsync(attemptId)).First();

        var read = await theirs.GetAsync($"{quiz.Base}/api/v1/attempts/{attemptId}");
        var answer = await theirs.PutAsJsonAsync($"{quiz.Base}/api/v1/attempts/{attemptId}/answers/{question}", new { optionId = option });
        var anonymous = await fixture.CreateClient().GetAsync($"{quiz.Base}/api/v1/attempts/{attemptId}");

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task AnAttemptsSaves_OnTheNodeThatStartedIt_ReadNothing_TheirOnlyStatementsAreTheWrites()
    {
        var (quiz, client, attemptId, key) = await ThreeQuestionAttemptAsync();

        using var commands = new TenantCommands(quiz.Tenant.Id);
        var first = await AnswerAsync(client, quiz, attemptId, key[0]);
        var second = await AnswerAsync(client, quiz, attemptId, key[1]);
        var third = await AnswerAsync(client, quiz, attemptId, key[2]);
        var run = commands.Texts.ToList();
        var details = await client.GetFromJsonAsync<JsonElement>($"{quiz.Base}/api/v1/attempts/{attemptId}");

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, third.StatusCode);
        Assert.NotEmpty(run);
        Assert.All(run, sql => Assert.Matches(@"^(UPDATE |WITH \w+ AS \(\s*UPDATE )", sql.TrimStart()));
        Assert.Equal(3, details.GetProperty("answers").EnumerateObject().Count());
    }

    [Fact]
    public async Task AnAnswerAfterTheSubmit_IsRefused_AndChangesNoAnswer()
    {
        var (quiz, client, attemptId, key) = await ThreeQuestionAttemptAsync();
        (await AnswerAsync(client, quiz, attemptId, key[0])).EnsureSuccessStatusCode(); // the node now holds the attempt's sheet
        (await client.PostAsJsonAsync($"{quiz.Base}/api/v1/attempts/{attemptId}/submit", new { })).EnsureSuccessStatusCode();

        var late = await AnswerAsync(client, quiz, attemptId, key[1]);
        var details = await client.GetFromJsonAsync<JsonElement>($"{quiz.Base}/api/v1/attempts/{attemptId}");

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal([key[0].Key], details.GetProperty("answers").EnumerateObject().Select(a => a.Name));
    }

    [Fact]
    public async Task RepeatedStartsSavesAndSubmits_FindEveryQueryCompiledAlready()
    {
        var quiz = await QuizAsync(questions: 10);
        var contest = await quiz.AddContestAsync(c => c.QuestionsPerAttempt = 3);
        await AnswerAllAndSubmitAsync(await quiz.RegisteredClientAsync(), quiz, contest.Slug); // compiles what the flow needs
        var client = await quiz.RegisteredClientAsync();

        using var commands = new TenantCommands(quiz.Tenant.Id);
        await AnswerAllAndSubmitAsync(client, quiz, contest.Slug);

        Assert.Empty(commands.Compiled); // a query compiled per request costs more CPU than everything else the request does
    }

    private static async Task AnswerAllAndSubmitAsync(HttpClient client, QuizData quiz, string slug)
    {
        var attemptId = await StartAsync(client, quiz, slug);
        foreach (var answer in await quiz.KeyAsync(attemptId))
        {
            (await AnswerAsync(client, quiz, attemptId, answer)).EnsureSuccessStatusCode();
        }

        (await client.PostAsJsonAsync($"{quiz.Base}/api/v1/attempts/{attemptId}/submit", new { })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task AFirstStart_ReadsTheContestantTheContestAndTheirAttempts_ThenWritesOnce()
    {
        var quiz = await QuizAsync(questions: 10);
        var contest = await quiz.AddContestAsync(c => c.QuestionsPerAttempt = 3);
        await StartAsync(await quiz.RegisteredClientAsync(), quiz, contest.Slug); // loads the tenant's active questions, kept a while
        var client = await quiz.RegisteredClientAsync();

        using var commands = new TenantCommands(quiz.Tenant.Id);
        var attemptId = await StartAsync(client, quiz, contest.Slug);
        var run = commands.Texts.Select(sql => sql.TrimStart()).ToList();
        var details = await client.GetFromJsonAsync<JsonElement>($"{quiz.Base}/api/v1/attempts/{attemptId}");
        var key = await quiz.KeyAsync(attemptId);

        Assert.Equal(3, run.Count(sql => sql.StartsWith("SELECT", StringComparison.Ordinal)));
        var writes = run.Where(sql => !sql.StartsWith("SELECT", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(writes);
        Assert.All(writes, sql => Assert.Matches(@"^(INSERT |WITH \w+ AS \(INSERT )", sql));
        if (fixture is PostgresFixture)
        {
            Assert.Single(writes); // the attempt and its items in one statement
        }

        Assert.Equal(3, details.GetProperty("questions").GetArrayLength());
        Assert.Equal(3, key.Count);
    }

    [Fact]
    public async Task AStartsWrite_IsOneCommand_WhoseParametersOnSqliteDoNotGrowWithTheQuestions()
    {
        var quiz = await QuizAsync(questions: 10);
        var three = await quiz.AddContestAsync(c => c.QuestionsPerAttempt = 3);
        var ten = await quiz.AddContestAsync(c => c.QuestionsPerAttempt = 10);
        await StartAsync(await quiz.RegisteredClientAsync(), quiz, three.Slug); // loads the tenant's active questions, kept a while
        var client = await quiz.RegisteredClientAsync();

        async Task<(string Text, int Parameters)> WriteOfStartAsync(string slug)
        {
            using var commands = new TenantCommands(quiz.Tenant.Id);
            await StartAsync(client, quiz, slug);
            return Assert.Single(commands.Commands, c => !c.Text.TrimStart().StartsWith("SELECT", StringComparison.Ordinal));
        }

        var ofThree = await WriteOfStartAsync(three.Slug);
        var ofTen = await WriteOfStartAsync(ten.Slug);

        if (fixture is SqliteFixture)
        {
            // SQLite finds each parameter by name in a list of the statement's: binding grows with the square of their number.
            Assert.Equal(ofThree.Parameters, ofTen.Parameters);
        }

        Assert.True(ofTen.Parameters > 0);
    }

    [Fact]
    public async Task AStartsRows_ReadBackAsWritten_EveryColumn()
    {
        var quiz = await QuizAsync(questions: 3);
        var contest = await quiz.AddContestAsync(c => c.QuestionsPerAttempt = 2);
        await quiz.RegisteredClientAsync();
        await using var scope = fixture.Scope(quiz.Tenant);
        var db = scope.ServiceProvider.GetRequiredService<QuizDbContext>();
        var contestant = await db.Contestants.SingleAsync();
        var versions = await db.QuestionVersions.OrderBy(v => v.Id).Select(v => v.Id).ToListAsync();
        var at = new DateTime(2026, 11, 29, 14, 5, 6, 789, DateTimeKind.Utc);
        var attempt = new Attempt
        {
            Id = Guid.NewGuid(), ContestId = contest.Id, ContestantId = contestant.Id, GroupCode = "N'2", Round = 2, LimitScope = "2026-11-29",
            Sequence = 3, StartedAt = at, Deadline = at.AddMinutes(20), State = AttemptState.InProgress, QuestionCount = 2, Seed = -12345,
        };
        AttemptItem[] items =
        [
            new() { Position = 1, QuestionVersionId = versions[1], PublicId = "q\"1'\\é", OptionIds = ["a\"b", "đáp án 'một'", "[1]"], OptionOrder = [2, 0, 1], SelectedIndex = 2 },
            new() { Position = 2, QuestionVersionId = versions[0], PublicId = "q2", OptionIds = ["x"], OptionOrder = [0] },
        ];

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await StartStatement.RunAsync(db, attempt, items);
            await transaction.CommitAsync();
        }

        db.ChangeTracker.Clear();
        var attemptRead = await db.Attempts.AsNoTracking().SingleAsync(a => a.Id == attempt.Id);
        var itemsRead = await db.AttemptItems.AsNoTracking().Where(i => i.AttemptId == attempt.Id).OrderBy(i => i.Position).ToListAsync();

        Assert.Equivalent(attempt, attemptRead, strict: true);
        Assert.Equal(quiz.Tenant.Id, attemptRead.TenantId);
        Assert.Equivalent(
            items.Select(i => new { i.TenantId, i.AttemptId, i.Position, i.QuestionVersionId, i.PublicId, i.OptionIds, i.OptionOrder, i.SelectedIndex, i.AnsweredAt }),
            itemsRead.Select(i => new { i.TenantId, i.AttemptId, i.Position, i.QuestionVersionId, i.PublicId, i.OptionIds, i.OptionOrder, i.SelectedIndex, i.AnsweredAt }),
            strict: true);
        Assert.All(itemsRead, i => Assert.Equal(quiz.Tenant.Id, i.TenantId));
    }

    [Fact]
    public async Task Answer_ToAQuestionOrOptionNotInTheAttempt_IsRefusedAndSavesNothing()
    {
        var quiz = await QuizAsync(questions: 10);
        var contest = await quiz.AddContestAsync(c => c.QuestionsPerAttempt = 3);
        var client = await quiz.RegisteredClientAsync();
        var attemptId = await StartAsync(client, quiz, contest.Slug);
        var key = await quiz.KeyAsync(attemptId);
        var (question, option) = key.First();
        var otherOption = key.Last().Value;

        var unknownQuestion = await client.PutAsJsonAsync($"{quiz.Base}/api/v1/attempts/{attemptId}/answers/khongco", new { optionId = option });
        var foreignOption = await client.PutAsJsonAsync($"{quiz.Base}/api/v1/attempts/{attemptId}/answers/{question}", new { optionId = otherOption });
        var unknownAttempt = await client.PutAsJsonAsync($"{quiz.Base}/api/v1/attempts/{Guid.NewGuid()}/answers/{question}", new { optionId = option });
        var details = await client.GetFromJsonAsync<JsonElement>($"{quiz.Base}/api/v1/attempts/{attemptId}");

        Assert.Equal(HttpStatusCode.NotFound, unknownQuestion.StatusCode);
        Assert.Contains("Không có câu hỏi này", await unknownQuestion.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, foreignOption.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownAttempt.StatusCode);
        Assert.Contains("Không có lượt thi này", await unknownAttempt.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(details.GetProperty("answers").EnumerateObject());
    }

    [Fact]
    public async Task AnswersRacingTheSubmit_AreEachEitherScoredOrRefused_NeverAcknowledgedAndLeftOut()
    {
        var quiz = await QuizAsync(questions: 10);
        var contest = await quiz.AddContestAsync();
        for (var round = 0; round < 3; round++)
        {
            var client = await quiz.RegisteredClientAsync();
            var attemptId = await StartAsync(client, quiz, contest.Slug);
            var key = (await quiz.KeyAsync(attemptId)).ToList();
            var acknowledged = new ConcurrentBag<string>();
            var statuses = new ConcurrentBag<HttpStatusCode>();

            // Two tabs answer the questions one after another, each its half, until the server refuses one.
            async Task AnswerAsync(int tab)
            {
                foreach (var (question, option) in key.Where((_, i) => i % 2 == tab))
                {
                    var response = await client.PutAsJsonAsync($"{quiz.Base}/api/v1/attempts/{attemptId}/answers/{question}", new { optionId = option });
                    statuses.Add(response.StatusCode);
                    if (response.StatusCode != HttpStatusCode.NoContent)
                    {
                        return;
                    }

                    acknowledged.Add(question);
                }
            }

            var tabs = Task.WhenAll(AnswerAsync(0), AnswerAsync(1));
            while (acknowledged.Count < 2 + round && !tabs.IsCompleted)
            {
                await Task.Delay(1);
            }

            var result = await (await client.PostAsJsonAsync($"{quiz.Base}/api/v1/attempts/{attemptId}/submit", new { })).Content.ReadFromJsonAsync<JsonElement>();
            await tabs;
            var details = await client.GetFromJsonAsync<JsonElement>($"{quiz.Base}/api/v1/attempts/{attemptId}");

            Assert.All(statuses, s => Assert.True(s is HttpStatusCode.NoContent or HttpStatusCode.Conflict, $"an answer got {s}"));
            Assert.Equal(acknowledged.Count, result.GetProperty("correctCount").GetInt32()); // every answer was right
            Assert.Equal(acknowledged.Count, details.GetProperty("answers").EnumerateObject().Count()); // and a refused one is not kept
        }
    }

    [Theory]
    [InlineData("2015-01-01", null, "not-eligible")] // 8 years old at the opening day
    [InlineData("1990-05-17", "excluded", "not-eligible")] // a member of the organisers
    [InlineData("1990-05-17", "closed", "contest-not-open")] // after the close
    [InlineData("1990-05-17", "small-bank", "contest-not-open")] // the bank cannot fill an attempt
    public async Task Start_WhenNotAllowed_AnswersWithTheContractCode(string birth, string? situation, string code)
    {
        var quiz = await QuizAsync(questions: situation == "small-bank" ? 3 : 10);
        var citizenId = $"00109{Random.Shared.Next(1_000_000, 9_999_999)}";
        var contest = await quiz.AddContestAsync(c =>
        {
            c.MinimumAge = situation is null ? 15 : 0;
            if (situation == "excluded")
            {
                c.ExcludedCitizenIds = [citizenId];
            }

            if (situation == "closed")
            {
                c.OpensAt = DateTime.UtcNow.AddDays(-10);
                c.ClosesAt = DateTime.UtcNow.AddDays(-1);
            }
        });
        await quiz.AddContestAsync(c => c.MinimumAge = 0); // an open contest the child may register for
        var client = await quiz.RegisteredClientAsync(QuizData.Registration(citizenId: citizenId, dateOfBirth: birth));

        var response = await client.PostAsJsonAsync($"{quiz.Base}/api/v1/contests/{contest.Slug}/attempts", new { });

        Assert.False(response.IsSuccessStatusCode);
        Assert.EndsWith(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    private async Task<QuizData> QuizAsync(int questions)
    {
        var quiz = new QuizData(fixture, await fixture.CreateTenantAsync());
        await quiz.AddUnitsAsync();
        await quiz.AddQuestionsAsync(questions);
        return quiz;
    }

    // A contestant's attempt at a contest of three questions, with its key in question order.
    private async Task<(QuizData Quiz, HttpClient Client, Guid AttemptId, List<KeyValuePair<string, string>> Key)> ThreeQuestionAttemptAsync()
    {
        var quiz = await QuizAsync(questions: 10);
        var contest = await quiz.AddContestAsync(c => c.QuestionsPerAttempt = 3);
        var client = await quiz.RegisteredClientAsync();
        var attemptId = await StartAsync(client, quiz, contest.Slug);
        return (quiz, client, attemptId, (await quiz.KeyAsync(attemptId)).ToList());
    }

    private static Task<HttpResponseMessage> AnswerAsync(HttpClient client, QuizData quiz, Guid attemptId, KeyValuePair<string, string> answer) =>
        client.PutAsJsonAsync($"{quiz.Base}/api/v1/attempts/{attemptId}/answers/{answer.Key}", new { optionId = answer.Value });

    private static async Task<Guid> StartAsync(HttpClient client, QuizData quiz, string slug)
    {
        var response = await client.PostAsJsonAsync($"{quiz.Base}/api/v1/contests/{slug}/attempts", new { });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attemptId").GetGuid();
    }

    private async Task<int> AttemptCountAsync(QuizData quiz, long contestId)
    {
        await using var scope = fixture.Scope(quiz.Tenant);
        return await scope.ServiceProvider.GetRequiredService<QuizDbContext>().Attempts.CountAsync(a => a.ContestId == contestId);
    }

    private async Task<long?> PredictionAsync(QuizData quiz, Guid attemptId)
    {
        await using var scope = fixture.Scope(quiz.Tenant);
        return await scope.ServiceProvider.GetRequiredService<QuizDbContext>().Attempts.Where(a => a.Id == attemptId).Select(a => a.Prediction).SingleAsync();
    }

    private static IEnumerable<JsonElement> FindQuestions(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "questions" && property.Value.ValueKind == JsonValueKind.Array)
                {
                    foreach (var question in property.Value.EnumerateArray())
                    {
                        yield return question;
                    }
                }
                else
                {
                    foreach (var inner in FindQuestions(property.Value))
                    {
                        yield return inner;
                    }
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var inner in FindQuestions(item))
                {
                    yield return inner;
                }
            }
        }
    }
}

[Collection(SqliteSuite.Name)]
public sealed class SqliteAttemptFlowTests(SqliteFixture fixture) : AttemptFlowTests<SqliteFixture>(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PostgresAttemptFlowTests(PostgresFixture fixture) : AttemptFlowTests<PostgresFixture>(fixture);
