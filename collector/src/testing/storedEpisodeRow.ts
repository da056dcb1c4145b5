/** An `episodes` row as the assembler stores it, with only what the store tests look at; the rest takes the columns' defaults. */
export const storedEpisodeRow = (id: string, agent: string, start: string, assembled: string, extra: object = {}) => ({
  EpisodeId: id,
  TraceId: id,
  Agent: agent,
  Outcome: 'success',
  StartTime: start,
  EndTime: start,
  AssembledAt: assembled,
  IsDeleted: 0,
  ...extra,
});
