using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
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
public sealed class AttemptService(QuizDbContext db, ITenantContext tenantContext, TimeProvider clock, AttemptWrites writeBatches, AnswerSheets answerSheets, ActiveBank activeBank, ILogger<AttemptService> logger, LiveLeaderboard leaderboard)
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
        var contest = await AttemptQueries.ContestBySlugAsync(db, slug, cancellationToken)
            ?? throw QuizProblemException.NotFound("Không có cuộc thi này.");
        var now = Now;
        var round = ContestRules.OpenRound(contest, now)
            ?? throw new QuizProblemException("contest-not-open", StatusCodes.Status409Conflict,
                now < contest.OpensAt ? "Cuộc thi chưa mở." : "Cuộc thi đã kết thúc hoặc đang giữa hai vòng thi.");
        CheckEligible(contest, contestant);

        for (var attemptNo = 0; attemptNo < ConcurrencyRetries; attemptNo++)
        {
            db.ChangeTracker.Clear();
            var mine = await AttemptQueries.ContestantAttemptsAsync(db, contestant.Id, contest.Id, cancellationToken);
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
        var contest = await AttemptQueries.ContestByIdAsync(db, attempt.ContestId, cancellationToken);
        if (attempt.State == AttemptState.InProgress && Now > attempt.Deadline.AddSeconds(contest.GraceSeconds))
        {
            attempt = await FinalizeAsync(attempt.Id, submitted: false, prediction: null, cancellationToken);
        }

        var (items, versions) = await ItemsAsync(db, attempt.Id, cancellationToken);
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
        // On SQLite in the group commit with the starts and answers that arrive meanwhile: in a transaction of its own, a
        // submit waited for a flush of the disk of its own (docs/benchmarks.md, "Compiled look-ups"). On PostgreSQL in a
        // transaction of its own.
        Attempt attempt;
        bool finalized;
        if (writeBatches.GroupsCommits)
        {
            (attempt, finalized) = await writeBatches.RunAsync(db, Tenant, w => FinalizeInAsync(w, attemptId, submitted, prediction, CancellationToken.None));
        }
        else
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            (attempt, finalized) = await FinalizeInAsync(db, attemptId, submitted, prediction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (finalized)
        {
            PlatformMetrics.AttemptsFinished.Add(1, PlatformMetrics.Tenant(Tenant.Name), new("outcome", submitted ? "submitted" : "expired"));
            await leaderboard.OfferAsync(attempt, cancellationToken);
        }

        return attempt;
    }

    // Inside the caller's transaction, on the context given (in the group commit possibly another request's).
    private async Task<(Attempt Attempt, bool Finalized)> FinalizeInAsync(QuizDbContext context, Guid attemptId, bool submitted, long? prediction, CancellationToken cancellationToken)
    {
        // Claims the attempt first: an answer's write updates this row before its item, so from here on each answer has
        // either committed (and is read below) or will find the attempt no longer in progress (and is refused).
        var claimed = await context.Attempts.Where(a => a.Id == attemptId && a.State == AttemptState.InProgress)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Version, a => a.Version + 1), cancellationToken);
        var attempt = await AttemptQueries.TrackedAttemptAsync(context, attemptId, cancellationToken);
        if (claimed == 0)
        {
            return (attempt, false); // another submit, the sweeper or a resume made it final already
        }

        var contest = await AttemptQueries.ContestByIdAsync(context, attempt.ContestId, cancellationToken);
        var (items, versions) = await ItemsAsync(context, attempt.Id, cancellationToken);
        var now = Now;
        attempt.CorrectCount = items.Count(i => i.SelectedIndex == versions[i.QuestionVersionId].CorrectIndex);
        attempt.Score = attempt.CorrectCount * contest.PointsPerAnswer;
        attempt.State = submitted ? AttemptState.Submitted : AttemptState.Expired;
        attempt.SubmittedAt = submitted ? now : null;
        attempt.FinalizedAt = now;
        attempt.Prediction = submitted && contest.PredictionPrompt is not null ? prediction : null;
        var end = submitted && now < attempt.Deadline ? now : attempt.Deadline;
        attempt.DurationMs = (long)(end - attempt.StartedAt).TotalMilliseconds;
        await context.SaveChangesAsync(cancellationToken);
        return (attempt, true);
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
        var ids = new OpaqueIds(drawn.Sum(d => 1 + bank[d.VersionId].Options.Count));
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
                PublicId = ids.Next(),
                OptionIds = Enumerable.Range(0, question.Options.Count).Select(_ => ids.Next()).ToList(),
                OptionOrder = [.. QuestionDraw.Permutation(question.Options.Count, contest.ShuffleOptions, random)],
            };
            items.Add(item);
            questions.Add(new QuestionView(item.PublicId, question.Text, item.OptionOrder.Select((original, shown) => new OptionView(item.OptionIds[shown], question.Options[original])).ToList()));
        }

        var view = new StartedAttempt(attempt.Id, Tenant.ToLocal(attempt.StartedAt), Tenant.ToLocal(attempt.Deadline), questions, Prediction(contest));
        return (attempt, items, view);
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
        var (items, versions) = await ItemsAsync(db, attempt.Id, cancellationToken);
        return new StartedAttempt(attempt.Id, Tenant.ToLocal(attempt.StartedAt), Tenant.ToLocal(attempt.Deadline), Questions(items, versions), Prediction(contest));
    }

    private static async Task<(List<AttemptItem> Items, Dictionary<long, QuestionVersion> Versions)> ItemsAsync(QuizDbContext context, Guid attemptId, CancellationToken cancellationToken)
    {
        var items = await AttemptQueries.ItemsAsync(context, attemptId, cancellationToken);
        var versions = await AttemptQueries.VersionsAsync(context, items.Select(i => i.QuestionVersionId).ToArray(), cancellationToken);
        return (items, versions.ToDictionary(v => v.Id));
    }

    // Only text and opaque ids: nothing here depends on which option is right.
    private static List<QuestionView> Questions(List<AttemptItem> items, Dictionary<long, QuestionVersion> versions) =>
        items.Select(i =>
        {
            var version = versions[i.QuestionVersionId];
            return new QuestionView(i.PublicId, version.Text, i.OptionOrder.Select((original, shown) => new OptionView(i.OptionIds[shown], version.Options[original])).ToList());
        }).ToList();

    private async Task<Contestant> ContestantAsync(string userId, CancellationToken cancellationToken) =>
        await AttemptQueries.ContestantOfUserAsync(db, userId, cancellationToken)
            ?? throw new QuizProblemException("not-eligible", StatusCodes.Status403Forbidden, "Tài khoản này chưa đăng ký dự thi.");

    private async Task<Attempt> OwnedAttemptAsync(string userId, Guid attemptId, CancellationToken cancellationToken) =>
        await AttemptQueries.OwnedAttemptAsync(db, attemptId, userId, cancellationToken)
            ?? throw QuizProblemException.NotFound("Không có lượt thi này.");

    private Task<int> GraceAsync(Attempt attempt, CancellationToken cancellationToken) =>
        AttemptQueries.GraceSecondsAsync(db, attempt.ContestId, cancellationToken);

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

    // The opaque ids of a start's questions and options: 15 characters of a 32-letter alphabet (75 bits) each, from the
    // system's random source, unguessable and unrelated to the keys; 5 bits of a random byte each (256 is a multiple of
    // 32, so every letter is equally likely). The bytes of all of them come from one call: a call per id (≈ 100 per
    // start) each went through OpenSSL.
    private sealed class OpaqueIds(int count)
    {
        private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        private const int Length = 15;
        private readonly byte[] _random = RandomNumberGenerator.GetBytes(count * Length);
        private int _next;

        public string Next()
        {
            var random = _random.AsSpan(_next, Length); // throws past the count asked for
            _next += Length;
            Span<char> chars = stackalloc char[Length];
            for (var i = 0; i < Length; i++)
            {
                chars[i] = Alphabet[random[i] & 31];
            }

            return new string(chars);
        }
    }
}
