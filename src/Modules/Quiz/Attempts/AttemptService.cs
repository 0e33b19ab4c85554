using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Core.Data;
using Platform.Core.Observability;
using Platform.Core.Tenancy;
using Quiz.Api;
using Quiz.Contestants;
using Quiz.Contests;
using Quiz.Data;
using Quiz.Questions;

namespace Quiz.Attempts;

/// <summary>
/// Starts, resumes, saves and finalizes attempts. The server keeps the clock and the key: a deadline is
/// min(start + limit, close), answers after it are refused, a submit within the grace period counts, and
/// nothing before the attempt is final tells which option is right.
/// </summary>
public sealed class AttemptService(QuizDbContext db, ITenantContext tenantContext, TimeProvider clock, SqliteWriteTurns writes, AttemptWrites writeBatches, AnswerSheets answerSheets, ActiveBank activeBank, ILogger<AttemptService> logger, LiveLeaderboard leaderboard)
{
    private const int ConcurrencyRetries = 8;
    private const int SqliteUniqueViolation = 2067; // SQLITE_CONSTRAINT_UNIQUE

    private TenantInfo Tenant => tenantContext.Tenant ?? throw new InvalidOperationException("Attempts live in a tenant.");

    // Milliseconds: what every database keeps, so an answer read back equals the one first returned.
    private DateTime Now
    {
        get
        {
            var ticks = clock.GetUtcNow().UtcTicks;
            return new DateTime(ticks - (ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
        }
    }

    /// <summary>Starts an attempt, or resumes the one in progress. Returns the attempt and whether it is new.</summary>
    public async Task<(StartedAttempt Attempt, bool Created)> StartAsync(string userId, string slug, CancellationToken cancellationToken)
    {
        var contestant = await ContestantAsync(userId, cancellationToken);
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Slug == slug, cancellationToken)
            ?? throw QuizProblemException.NotFound("Không có cuộc thi này.");
        var now = Now;
        var round = ContestRules.OpenRound(contest, now)
            ?? throw new QuizProblemException("contest-not-open", StatusCodes.Status409Conflict,
                now < contest.OpensAt ? "Cuộc thi chưa mở." : "Cuộc thi đã kết thúc hoặc đang giữa hai vòng thi.");
        CheckEligible(contest, contestant);

        for (var attemptNo = 0; attemptNo < ConcurrencyRetries; attemptNo++)
        {
            db.ChangeTracker.Clear();
            var mine = await ContestantAttempts(db, contestant.Id, contest.Id).ToListAsync(cancellationToken);
            var open = mine.SingleOrDefault(a => a.State == AttemptState.InProgress);
            if (open is not null && now <= open.Deadline)
            {
                return (await StartedViewAsync(open, contest, cancellationToken), false);
            }

            if (open is not null)
            {
                await FinalizeAsync(open.Id, submitted: false, prediction: null, cancellationToken);
                continue;
            }

            var scope = LimitScope(contest, round, now);
            var used = mine.Count(a => a.LimitScope == scope);
            if (used >= contest.AttemptsAllowed)
            {
                throw new QuizProblemException("no-attempts-left", StatusCodes.Status409Conflict,
                    contest.AttemptsPer == AttemptsPer.Day ? "Bạn đã dùng hết lượt thi của hôm nay." : "Bạn đã dùng hết lượt thi.");
            }

            var (attempt, items, view) = await CreateAsync(contest, contestant, round, scope, used + 1, now, seenBefore: mine.Count > 0, cancellationToken);
            try
            {
                if (writeBatches.GroupsCommits)
                {
                    // Committed with the starts and answers that arrive meanwhile.
                    await writeBatches.RunAsync(db, Tenant, async w =>
                    {
                        await StartStatement.RunAsync(w, attempt, items);
                        return true;
                    });
                }
                else
                {
                    await StartStatement.RunAsync(db, attempt, items);
                }

                answerSheets.Started(Tenant, userId, attempt, items);
                PlatformMetrics.AttemptsStarted.Add(1, PlatformMetrics.Tenant(Tenant.Name));
                return (view, true);
            }
            catch (Exception ex) when (ex is SqliteException { SqliteExtendedErrorCode: SqliteUniqueViolation } or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Another start of the same contestant won the race (unique sequence or one-in-progress index): look again.
                logger.LogDebug(ex, "Concurrent start for contestant {Contestant}", contestant.Id);
            }
        }

        throw new QuizProblemException("no-attempts-left", StatusCodes.Status409Conflict, "Không thể bắt đầu lượt thi lúc này, vui lòng thử lại.");
    }

    /// <summary>An attempt of the signed-in contestant, with saved answers and, when final, its result.</summary>
    public async Task<AttemptDetails> GetAsync(string userId, Guid attemptId, CancellationToken cancellationToken)
    {
        var attempt = await OwnedAttemptAsync(userId, attemptId, cancellationToken);
        var contest = await db.Contests.AsNoTracking().SingleAsync(c => c.Id == attempt.ContestId, cancellationToken);
        if (attempt.State == AttemptState.InProgress && Now > attempt.Deadline.AddSeconds(contest.GraceSeconds))
        {
            attempt = await FinalizeAsync(attempt.Id, submitted: false, prediction: null, cancellationToken);
        }

        var (items, versions) = await ItemsAsync(attempt.Id, cancellationToken);
        var questions = Questions(items, versions);
        var answers = items.Where(i => i.SelectedIndex is not null)
            .ToDictionary(i => i.PublicId, i => i.OptionIds[i.OptionOrder.IndexOf(i.SelectedIndex!.Value)]);
        var final = attempt.State != AttemptState.InProgress;
        var showKey = final && contest.ShowAnswers == AnswersShown.AfterClose && Now >= ContestRules.ClosesAt(contest, attempt.Round);
        var review = showKey
            ? items.Select(i => new ReviewItem(i.PublicId, i.OptionIds[i.OptionOrder.IndexOf(versions[i.QuestionVersionId].CorrectIndex)], versions[i.QuestionVersionId].Explanation)).ToList()
            : null;
        return new AttemptDetails(
            attempt.Id,
            contest.Slug,
            Tenant.ToLocal(attempt.StartedAt),
            Tenant.ToLocal(attempt.Deadline),
            questions,
            Prediction(contest),
            answers,
            final ? 0 : Math.Max(0, (int)Math.Ceiling((attempt.Deadline - Now).TotalSeconds)),
            StateName(attempt.State),
            final ? Result(attempt) : null,
            review);
    }

    /// <summary>Saves (or changes) an answer; refused once the deadline has passed or the attempt is final.</summary>
    public async Task SaveAnswerAsync(string userId, Guid attemptId, string questionId, string? optionId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(optionId))
        {
            throw QuizProblemException.Validation("optionId", "Chọn một đáp án.");
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        // What never changes about the attempt comes from memory after its first save on this node: a save is the
        // hottest request of a contest, and its only round trip is then the write, which checks the attempt is open.
        var sheet = await answerSheets.GetAsync(db, Tenant, attemptId, cancellationToken);
        if (sheet is null || sheet.UserId != userId)
        {
            throw QuizProblemException.NotFound("Không có lượt thi này.");
        }

        var now = Now;
        if (now > sheet.Deadline)
        {
            throw AnswerRefused();
        }

        var item = sheet.Items.GetValueOrDefault(questionId) ?? throw QuizProblemException.NotFound("Không có câu hỏi này trong lượt thi.");
        var shown = Array.IndexOf(item.OptionIds, optionId);
        if (shown < 0)
        {
            throw QuizProblemException.Validation("optionId", "Đáp án không thuộc câu hỏi này.");
        }

        // The attempt is checked again where the answer is written: on SQLite in a transaction shared with the answers
        // that arrive meanwhile (group commit), on PostgreSQL in one statement of its own.
        var selected = item.OptionOrder[shown];
        var saved = writeBatches.GroupsCommits
            ? await writeBatches.RunAsync(db, Tenant, w => AnswerStatement.RunAsync(w, attemptId, item.Position, selected, now))
            : await AnswerStatement.RunAsync(db, attemptId, item.Position, selected, now);
        if (!saved)
        {
            throw AnswerRefused();
        }

        PlatformMetrics.AnswerSaveDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, PlatformMetrics.Tenant(Tenant.Name));
    }

    /// <summary>Submits: scored once, on the server; repeating it returns the same result.</summary>
    public async Task<AttemptResult> SubmitAsync(string userId, Guid attemptId, long? prediction, CancellationToken cancellationToken)
    {
        var attempt = await OwnedAttemptAsync(userId, attemptId, cancellationToken);
        if (attempt.State != AttemptState.InProgress)
        {
            return Result(attempt);
        }

        var grace = await GraceAsync(attempt, cancellationToken);
        if (Now > attempt.Deadline.AddSeconds(grace))
        {
            await FinalizeAsync(attempt.Id, submitted: false, prediction: null, cancellationToken);
            throw new QuizProblemException("attempt-closed", StatusCodes.Status409Conflict,
                "Đã quá thời gian nộp bài; bài được chấm với các câu trả lời đã lưu trước khi hết giờ.");
        }

        if (prediction is < 0)
        {
            throw QuizProblemException.Validation("prediction", "Số dự đoán không được âm.");
        }

        return Result(await FinalizeAsync(attempt.Id, submitted: true, prediction, cancellationToken));
    }

    /// <summary>The signed-in contestant's attempts, newest first.</summary>
    public async Task<IReadOnlyList<MyAttempt>> MineAsync(string userId, CancellationToken cancellationToken)
    {
        var contestant = await ContestantAsync(userId, cancellationToken);
        var rows = await db.Attempts.AsNoTracking()
            .Where(a => a.ContestantId == contestant.Id)
            .Join(db.Contests, a => a.ContestId, c => c.Id, (a, c) => new { Attempt = a, c.Slug, c.Title })
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.Attempt.StartedAt)
            .Select(r => new MyAttempt(r.Attempt.Id, r.Slug, r.Title, Tenant.ToLocal(r.Attempt.StartedAt), Tenant.ToLocal(r.Attempt.Deadline), StateName(r.Attempt.State), r.Attempt.State == AttemptState.InProgress ? null : Result(r.Attempt)))
            .ToList();
    }

    /// <summary>
    /// Makes an attempt final: scores the answers saved (all of which were saved before the deadline), once.
    /// Safe against concurrent submits, answers and the sweeper.
    /// </summary>
    public async Task<Attempt> FinalizeAsync(Guid attemptId, bool submitted, long? prediction, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        Attempt attempt;
        using (await writes.EnterAsync(db, cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

            // Claims the attempt first: an answer's write updates this row before its item, so from here on each answer
            // has either committed (and is read below) or will find the attempt no longer in progress (and is refused).
            var claimed = await db.Attempts.Where(a => a.Id == attemptId && a.State == AttemptState.InProgress)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Version, a => a.Version + 1), cancellationToken);
            attempt = await db.Attempts.SingleAsync(a => a.Id == attemptId, cancellationToken);
            if (claimed == 0)
            {
                return attempt; // another submit, the sweeper or a resume made it final already
            }

            var contest = await db.Contests.AsNoTracking().SingleAsync(c => c.Id == attempt.ContestId, cancellationToken);
            var (items, versions) = await ItemsAsync(attempt.Id, cancellationToken);
            var now = Now;
            attempt.CorrectCount = items.Count(i => i.SelectedIndex == versions[i.QuestionVersionId].CorrectIndex);
            attempt.Score = attempt.CorrectCount * contest.PointsPerAnswer;
            attempt.State = submitted ? AttemptState.Submitted : AttemptState.Expired;
            attempt.SubmittedAt = submitted ? now : null;
            attempt.FinalizedAt = now;
            attempt.Prediction = submitted && contest.PredictionPrompt is not null ? prediction : null;
            var end = submitted && now < attempt.Deadline ? now : attempt.Deadline;
            attempt.DurationMs = (long)(end - attempt.StartedAt).TotalMilliseconds;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        PlatformMetrics.AttemptsFinished.Add(1, PlatformMetrics.Tenant(Tenant.Name), new("outcome", submitted ? "submitted" : "expired"));
        await leaderboard.OfferAsync(attempt, cancellationToken);
        return attempt;
    }

    private static QuizProblemException AnswerRefused() =>
        new("attempt-closed", StatusCodes.Status409Conflict, "Lượt thi đã hết giờ hoặc đã nộp bài; câu trả lời không được lưu.");

    private string LimitScope(Contest contest, int round, DateTime utcNow) => contest.AttemptsPer switch
    {
        AttemptsPer.Round => $"r{round}",
        AttemptsPer.Day => $"d{Tenant.LocalDate(utcNow):yyyy-MM-dd}",
        _ => "contest",
    };

    private void CheckEligible(Contest contest, Contestant contestant)
    {
        if (contest.ExcludedCitizenIds.Contains(contestant.CitizenId))
        {
            throw new QuizProblemException("not-eligible", StatusCodes.Status403Forbidden, "Thành viên Ban Tổ chức, Tổ soạn thảo câu hỏi và Tổ thư ký không được dự thi.");
        }

        if (!contest.Groups.Any(g => string.Equals(g.Code, contestant.GroupCode, StringComparison.OrdinalIgnoreCase)))
        {
            throw new QuizProblemException("not-eligible", StatusCodes.Status403Forbidden, "Nhóm đối tượng của bạn không thuộc cuộc thi này.");
        }

        var openingDay = Tenant.LocalDate(contest.OpensAt);
        if (TenantTime.AgeOn(contestant.DateOfBirth, openingDay) < contest.MinimumAge)
        {
            throw new QuizProblemException("not-eligible", StatusCodes.Status403Forbidden,
                $"Người dự thi phải đủ {contest.MinimumAge} tuổi vào ngày {openingDay:dd/MM/yyyy}.");
        }
    }

    private async Task<(Attempt Attempt, List<AttemptItem> Items, StartedAttempt View)> CreateAsync(Contest contest, Contestant contestant, int round, string scope, int sequence, DateTime now, bool seenBefore, CancellationToken cancellationToken)
    {
        var bank = (await activeBank.GetAsync(db, cancellationToken)).ToDictionary(q => q.Candidate.VersionId);
        var seen = seenBefore ? (await SeenQuestions(db, contestant.Id, contest.Id).ToListAsync(cancellationToken)).ToHashSet() : [];
        var seed = RandomNumberGenerator.GetInt32(int.MaxValue);
        IReadOnlyList<DrawCandidate> drawn;
        try
        {
            drawn = QuestionDraw.Draw(bank.Values.Select(q => q.Candidate).ToList(), contest.Quotas, contest.QuestionsPerAttempt, seen, contest.ShuffleQuestions, seed);
        }
        catch (BankTooSmallException ex)
        {
            logger.LogError("Contest {Contest} cannot start attempts: {Reason}", contest.Slug, ex.Message);
            throw new QuizProblemException("contest-not-open", StatusCodes.Status409Conflict,
                "Cuộc thi chưa sẵn sàng, vui lòng quay lại sau.", $"Ngân hàng câu hỏi chưa đủ: {ex.Message}");
        }

        var attempt = new Attempt
        {
            Id = Guid.NewGuid(),
            ContestId = contest.Id,
            ContestantId = contestant.Id,
            GroupCode = contestant.GroupCode,
            Round = round,
            LimitScope = scope,
            Sequence = sequence,
            StartedAt = now,
            Deadline = Min(now.AddSeconds(contest.TimeLimitSeconds), ContestRules.ClosesAt(contest, round)),
            State = AttemptState.InProgress,
            QuestionCount = drawn.Count,
            Seed = seed,
        };
        var random = new Random(seed);
        var items = new List<AttemptItem>(drawn.Count);
        var questions = new List<QuestionView>(drawn.Count);
        for (var i = 0; i < drawn.Count; i++)
        {
            var question = bank[drawn[i].VersionId];
            var item = new AttemptItem
            {
                AttemptId = attempt.Id,
                Position = i + 1,
                QuestionVersionId = drawn[i].VersionId,
                PublicId = OpaqueId(),
                OptionIds = Enumerable.Range(0, question.Options.Count).Select(_ => OpaqueId()).ToList(),
                OptionOrder = [.. QuestionDraw.Permutation(question.Options.Count, contest.ShuffleOptions, random)],
            };
            items.Add(item);
            questions.Add(new QuestionView(item.PublicId, question.Text, item.OptionOrder.Select((original, shown) => new OptionView(item.OptionIds[shown], question.Options[original])).ToList()));
        }

        var view = new StartedAttempt(attempt.Id, Tenant.ToLocal(attempt.StartedAt), Tenant.ToLocal(attempt.Deadline), questions, Prediction(contest));
        return (attempt, items, view);
    }

    /// <summary>
    /// Every attempt of a contestant at a contest, read at each start: the one in progress, what counts against the
    /// limit, and whether any questions were seen before. Searched by the contestant's index, whatever the statistics.
    /// </summary>
    public static IQueryable<Attempt> ContestantAttempts(QuizDbContext db, long contestantId, long contestId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Attempts.AsNoTracking().Where(a => a.ContestId == contestId && a.ContestantId == contestantId);
    }

    /// <summary>
    /// The questions a contestant has already been given in a contest, to draw others. Led by the contestant's attempts
    /// (an index), then their items: a start costs the same with ten attempts in the database or a million.
    /// </summary>
    public static IQueryable<long> SeenQuestions(QuizDbContext db, long contestantId, long contestId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return from a in db.Attempts.AsNoTracking()
               where a.ContestId == contestId && a.ContestantId == contestantId
               join i in db.AttemptItems.AsNoTracking() on a.Id equals i.AttemptId
               join v in db.QuestionVersions.AsNoTracking() on i.QuestionVersionId equals v.Id
               select v.QuestionId;
    }

    private async Task<StartedAttempt> StartedViewAsync(Attempt attempt, Contest contest, CancellationToken cancellationToken)
    {
        var (items, versions) = await ItemsAsync(attempt.Id, cancellationToken);
        return new StartedAttempt(attempt.Id, Tenant.ToLocal(attempt.StartedAt), Tenant.ToLocal(attempt.Deadline), Questions(items, versions), Prediction(contest));
    }

    private async Task<(List<AttemptItem> Items, Dictionary<long, QuestionVersion> Versions)> ItemsAsync(Guid attemptId, CancellationToken cancellationToken)
    {
        var items = await db.AttemptItems.AsNoTracking().Where(i => i.AttemptId == attemptId).OrderBy(i => i.Position).ToListAsync(cancellationToken);
        var ids = items.Select(i => i.QuestionVersionId).ToList();
        var versions = await db.QuestionVersions.AsNoTracking().Where(v => ids.Contains(v.Id)).ToDictionaryAsync(v => v.Id, cancellationToken);
        return (items, versions);
    }

    // Only text and opaque ids: nothing here depends on which option is right.
    private static List<QuestionView> Questions(List<AttemptItem> items, Dictionary<long, QuestionVersion> versions) =>
        items.Select(i =>
        {
            var version = versions[i.QuestionVersionId];
            return new QuestionView(i.PublicId, version.Text, i.OptionOrder.Select((original, shown) => new OptionView(i.OptionIds[shown], version.Options[original])).ToList());
        }).ToList();

    private async Task<Contestant> ContestantAsync(string userId, CancellationToken cancellationToken) =>
        await db.Contestants.AsNoTracking().SingleOrDefaultAsync(c => c.UserId == userId, cancellationToken)
            ?? throw new QuizProblemException("not-eligible", StatusCodes.Status403Forbidden, "Tài khoản này chưa đăng ký dự thi.");

    private async Task<Attempt> OwnedAttemptAsync(string userId, Guid attemptId, CancellationToken cancellationToken) =>
        await db.Attempts.AsNoTracking().Where(a => a.Id == attemptId && db.Contestants.Any(c => c.Id == a.ContestantId && c.UserId == userId))
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw QuizProblemException.NotFound("Không có lượt thi này.");

    private Task<int> GraceAsync(Attempt attempt, CancellationToken cancellationToken) =>
        db.Contests.Where(c => c.Id == attempt.ContestId).Select(c => c.GraceSeconds).SingleAsync(cancellationToken);

    private AttemptResult Result(Attempt attempt) =>
        new(attempt.CorrectCount, attempt.QuestionCount, attempt.Score, attempt.DurationMs / 1000.0, attempt.SubmittedAt is { } at ? Tenant.ToLocal(at) : null);

    private static PredictionView? Prediction(Contest contest) => contest.PredictionPrompt is null ? null : new PredictionView(contest.PredictionPrompt);

    private static string StateName(AttemptState state) => state switch
    {
        AttemptState.InProgress => "inProgress",
        AttemptState.Submitted => "submitted",
        _ => "expired",
    };

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    // 15 characters of a 32-letter alphabet (75 bits) from the system's random source, in one call: unguessable, and
    // unrelated to the key. 5 bits of a random byte each (256 is a multiple of 32, so every letter is equally likely).
    private static string OpaqueId()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        Span<byte> random = stackalloc byte[15];
        RandomNumberGenerator.Fill(random);
        Span<char> chars = stackalloc char[15];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[random[i] & 31];
        }

        return new string(chars);
    }
}
